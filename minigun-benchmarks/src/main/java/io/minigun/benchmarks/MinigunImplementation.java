package io.minigun.benchmarks;

import io.minigun.ContextType;
import io.minigun.Minigun;
import io.minigun.Pipeline;
import io.minigun.PipelineBuilder;
import io.minigun.PipelineRun;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minigun.execution.PipelineExecutor;
import io.minigun.metrics.MinigunMeterBinder;
import io.minigun.process.ProcessOptions;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Minigun on every workload, written the way a user would: declare the stages, set the concurrency, run. The
 * pipeline is built inside the round (building validates and plans it, which is part of what a user pays).
 *
 * <p>Variants answer one question each. Three measure what observing a run costs, on {@code linear} and
 * {@code linear-async}: {@code minigun-no-stats} turns latency sampling and busy flags off
 * ({@code -Dminigun.stats.sampling=false}; the counts that account for every item cannot be turned off),
 * {@code minigun-metrics} publishes the run to a Micrometer registry that is scraped every {@value #SCRAPE_MILLIS} ms
 * while it runs, and {@code minigun-live} reads the run's live stats ({@code PipelineRun.liveStats()}, what the live
 * view shows) every {@value #LIVE_MILLIS} ms, ten times as often as the page polls. {@code minigun-warm} measures
 * {@code process} with the worker JVMs kept warm between runs ({@code ProcessOptions.withKeepAlive}, on by default
 * under Spring Boot): its workers start in the first warm-up round and serve every later round, so its rounds measure
 * the items' way through the workers without their start-up.
 */
public final class MinigunImplementation implements Implementation {
    /** How often the {@code minigun-metrics} variant reads every meter: far more often than a real scraper. */
    static final long SCRAPE_MILLIS = 10;
    /** How often the {@code minigun-live} variant reads the run's live stats. */
    static final long LIVE_MILLIS = 100;

    /** What a variant changes, so that its ratio to the default answers one question. */
    public enum Variant {
        /** Stats as they are by default (counts, sampled latencies), no metrics registry, workers per run. */
        DEFAULT(Implementations.MINIGUN, List.of()),
        /** Latency sampling and busy flags off: counts only. */
        NO_STATS("minigun-no-stats", List.of("-Dminigun.stats.sampling=false")),
        /** Default stats, published to a Micrometer registry that is read while the run goes on. */
        METRICS("minigun-metrics", List.of()),
        /** Default stats, the run's live stats read while it runs. */
        LIVE("minigun-live", List.of()),
        /** Worker JVMs kept warm from one run to the next. */
        WARM("minigun-warm", List.of());

        private final String implementationName;
        private final List<String> jvmArgs;

        Variant(String implementationName, List<String> jvmArgs) {
            this.implementationName = implementationName;
            this.jvmArgs = jvmArgs;
        }
    }

    /** Longer than any measurement, so that the warm variant's workers serve every round. */
    private static final Duration WARM_KEEP_ALIVE = Duration.ofMinutes(10);

    private final Variant variant;
    /** The last scrape's sum, kept so that the reads cannot be optimised away. */
    private volatile double scraped;
    /** The warm variant's executor, which keeps its workers from round to round; closed by {@link #close}. */
    private PipelineExecutor warmExecutor;

    public MinigunImplementation() {
        this(Variant.DEFAULT);
    }

    public MinigunImplementation(Variant variant) {
        this.variant = variant;
    }

    @Override
    public String name() {
        return variant.implementationName;
    }

    @Override
    public boolean supports(Workload workload) {
        return switch (variant) {
            case DEFAULT -> true;
            case WARM -> workload == Workload.PROCESS;
            case NO_STATS, METRICS, LIVE -> workload == Workload.LINEAR || workload == Workload.LINEAR_ASYNC;
        };
    }

    @Override
    public List<String> jvmArgs() {
        return variant.jvmArgs;
    }

    @Override
    public boolean isVariant() {
        return variant != Variant.DEFAULT;
    }

    @Override
    public long run(Workload workload, long n) throws Exception {
        if (variant == Variant.WARM) {
            if (warmExecutor == null) {
                warmExecutor = new PipelineExecutor();
            }
            return run(workload, n, warmExecutor);
        }
        if (variant != Variant.METRICS) {
            return run(workload, n, new PipelineExecutor());
        }
        PipelineExecutor executor = new PipelineExecutor();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (MinigunMeterBinder binder = MinigunMeterBinder.forExecutor(executor)) {
            binder.bindTo(registry);
            ScheduledExecutorService scraper = Executors.newSingleThreadScheduledExecutor();
            try {
                scraper.scheduleAtFixedRate(() -> scrape(registry), 0, SCRAPE_MILLIS, TimeUnit.MILLISECONDS);
                return run(workload, n, executor);
            } finally {
                scraper.shutdownNow();
                scraper.awaitTermination(10, TimeUnit.SECONDS);
                registry.close();
            }
        }
    }

    /** Stops the warm variant's worker JVMs; the other variants keep nothing between rounds. */
    @Override
    public void close() {
        if (warmExecutor != null) {
            warmExecutor.close();
            warmExecutor = null;
        }
    }

    /** Reads every value of every meter, as a registry's publisher would. */
    private void scrape(MeterRegistry registry) {
        double total = 0;
        for (Meter meter : registry.getMeters()) {
            for (io.micrometer.core.instrument.Measurement measurement : meter.measure()) {
                total += measurement.getValue();
            }
        }
        scraped = total;
    }

    private long run(Workload workload, long n, PipelineExecutor executor) throws Exception {
        long[] sum = new long[1];
        PipelineBuilder builder = Minigun.pipeline(workload.id())
                .executor(executor)
                .producer("generate", out -> {
                    for (long i = 0; i < n; i++) {
                        out.emit(i);
                    }
                });
        Pipeline pipeline = switch (workload) {
            case LINEAR -> builder
                    .processor("twice", (Long x) -> Work.twice(x))
                    .consumer("sum", (Long x) -> sum[0] += x)
                    .build();
            case LINEAR_ASYNC -> builder
                    .concurrency(c -> c.inline(false))
                    .queueSize(Work.QUEUE_CAPACITY)
                    .processor("twice", (Long x) -> Work.twice(x))
                    .consumer("sum", (Long x) -> sum[0] += x)
                    .build();
            case CPU_PARALLEL -> builder
                    .processor("mix", (Long x) -> Work.mix(x), s -> s.threads(Work.WORKERS))
                    .consumer("sum", (Long x) -> sum[0] += x)
                    .build();
            case IO_BOUND -> builder
                    .processor("call", (Long x) -> Work.blockingCall(x), s -> s.concurrency(ioContext())
                            .poolSize(Work.IO_CONCURRENCY))
                    .consumer("count", (Long x) -> sum[0] += x)
                    .build();
            case BATCH -> builder
                    .accumulator("batch", s -> s.maxSize(Work.BATCH_SIZE))
                    .consumer("sum", (List<Long> batch) -> sum[0] += Work.sum(batch))
                    .build();
            case PROCESS -> (variant == Variant.WARM
                    ? builder.process(ProcessOptions.defaults().withKeepAlive(WARM_KEEP_ALIVE)) : builder)
                    .processor("twice", (Long x) -> Work.twice(x), s -> s.concurrency(ContextType.PROCESS)
                            .poolSize(Work.WORKERS))
                    .consumer("sum", (Long x) -> sum[0] += x)
                    .build();
        };
        if (variant == Variant.LIVE) {
            watchLive(pipeline.start());
        } else {
            pipeline.run().throwIfFailed();
        }
        return sum[0];
    }

    /** Reads the run's live stats every {@value #LIVE_MILLIS} ms until it ends. */
    private void watchLive(PipelineRun run) throws InterruptedException {
        ScheduledExecutorService reader = Executors.newSingleThreadScheduledExecutor();
        try {
            reader.scheduleAtFixedRate(() -> scraped = run.liveStats().itemsPerSecond(), 0, LIVE_MILLIS,
                    TimeUnit.MILLISECONDS);
            run.await().throwIfFailed();
        } finally {
            reader.shutdownNow();
            reader.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /** Virtual threads where the JDK has them, else a pool of platform threads. */
    private static ContextType ioContext() {
        return Runtime.version().feature() >= 21 ? ContextType.VIRTUAL : ContextType.THREAD;
    }
}
