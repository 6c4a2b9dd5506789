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

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Minigun on every workload, written the way a user would: declare the stages, set the concurrency, run. The
 * pipeline is built inside the round (building validates and plans it, which is part of what a user pays).
 *
 * <p>Two variants answer what observing a run costs, on {@code linear} and {@code linear-async}:
 * {@code minigun-no-stats} turns latency sampling and busy flags off ({@code -Dminigun.stats.sampling=false}; the
 * counts that account for every item cannot be turned off), and {@code minigun-metrics} publishes the run to a
 * Micrometer registry that is scraped every {@value #SCRAPE_MILLIS} ms while it runs; {@code minigun-live} reads the
 * run's live stats ({@code PipelineRun.liveStats()}, what the live view shows) every {@value #LIVE_MILLIS} ms, ten
 * times as often as the page polls.
 */
public final class MinigunImplementation implements Implementation {
    /** How often the {@code minigun-metrics} variant reads every meter: far more often than a real scraper. */
    static final long SCRAPE_MILLIS = 10;
    /** How often the {@code minigun-live} variant reads the run's live stats. */
    static final long LIVE_MILLIS = 100;

    /** How much of the run is observed. */
    public enum Observation {
        /** Stats as they are by default (counts, sampled latencies), no metrics registry. */
        DEFAULT(Implementations.MINIGUN, List.of()),
        /** Latency sampling and busy flags off: counts only. */
        NO_STATS("minigun-no-stats", List.of("-Dminigun.stats.sampling=false")),
        /** Default stats, published to a Micrometer registry that is read while the run goes on. */
        METRICS("minigun-metrics", List.of()),
        /** Default stats, the run's live stats read while it runs. */
        LIVE("minigun-live", List.of());

        private final String implementationName;
        private final List<String> jvmArgs;

        Observation(String implementationName, List<String> jvmArgs) {
            this.implementationName = implementationName;
            this.jvmArgs = jvmArgs;
        }
    }

    private final Observation observation;
    /** The last scrape's sum, kept so that the reads cannot be optimised away. */
    private volatile double scraped;

    public MinigunImplementation() {
        this(Observation.DEFAULT);
    }

    public MinigunImplementation(Observation observation) {
        this.observation = observation;
    }

    @Override
    public String name() {
        return observation.implementationName;
    }

    @Override
    public boolean supports(Workload workload) {
        return observation == Observation.DEFAULT || workload == Workload.LINEAR || workload == Workload.LINEAR_ASYNC;
    }

    @Override
    public List<String> jvmArgs() {
        return observation.jvmArgs;
    }

    @Override
    public boolean isVariant() {
        return observation != Observation.DEFAULT;
    }

    @Override
    public long run(Workload workload, long n) throws Exception {
        if (observation != Observation.METRICS) {
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
            case PROCESS -> builder
                    .processor("twice", (Long x) -> Work.twice(x), s -> s.concurrency(ContextType.PROCESS)
                            .poolSize(Work.WORKERS))
                    .consumer("sum", (Long x) -> sum[0] += x)
                    .build();
        };
        if (observation == Observation.LIVE) {
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
