package io.minigun.monitoring;

import io.minigun.PipelineRun;
import io.minigun.RunResult;
import io.minigun.execution.ExecutionPlan;
import io.minigun.execution.RunListener;
import io.minigun.stats.PipelineStats;
import io.minigun.stats.StageStats;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Logs one progress line per running pipeline every {@code interval} while the run is active: items done (consumed
 * by the terminal stages), items produced, the rate since the previous line, failures and the current bottleneck.
 * For example:
 * <pre>
 * Pipeline 'orders' run 1f3a…: 12,340 items done, 20,000 produced, 1,234 items/s, 0 failed, bottleneck parse (1,102 items/s), running 10.0s
 * </pre>
 *
 * <p>Lines go to the SLF4J logger {@code io.minigun.monitoring.ProgressReporter} at INFO, or to the sink given to
 * the constructor. Register it as a {@link RunListener} of the executor, then {@link #start()} it; it owns one
 * daemon scheduler thread from {@code start()} to {@link #close()}. A zero or negative interval disables it.
 */
public final class ProgressReporter implements RunListener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ProgressReporter.class);

    private final Duration interval;
    private final Consumer<String> sink;
    private final Map<String, Tracked> tracked = new ConcurrentHashMap<>();
    private @Nullable ScheduledExecutorService scheduler;

    /** A reporter that logs at INFO. */
    public ProgressReporter(Duration interval) {
        this(interval, log::info);
    }

    /** A reporter that hands every line to {@code sink}. */
    public ProgressReporter(Duration interval, Consumer<String> sink) {
        this.interval = Objects.requireNonNull(interval, "interval");
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /** Whether progress lines are on (a positive interval). */
    public boolean isEnabled() {
        return !interval.isZero() && !interval.isNegative();
    }

    public Duration interval() {
        return interval;
    }

    /** Creates the scheduler thread (when enabled); runs that start from now on are reported. */
    public synchronized void start() {
        if (isEnabled() && scheduler == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "minigun-progress");
                thread.setDaemon(true);
                return thread;
            });
        }
    }

    /** Whether the scheduler is running. */
    public synchronized boolean isRunning() {
        return scheduler != null;
    }

    /** Reports on a run already in progress (one started before {@link #start()}). */
    public void track(PipelineRun run) {
        schedule(run);
    }

    @Override
    public void runStarted(PipelineRun run, ExecutionPlan plan) {
        schedule(run);
    }

    @Override
    public void runFinished(RunResult result, ExecutionPlan plan) {
        Tracked t = tracked.remove(result.id());
        if (t != null) {
            t.future.cancel(false);
        }
    }

    /** Stops reporting and ends the scheduler thread. */
    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
        tracked.clear();
    }

    private synchronized void schedule(PipelineRun run) {
        if (scheduler == null || run.isDone() || tracked.containsKey(run.id())) {
            return;
        }
        long nanos = interval.toNanos();
        Tracked t = new Tracked(run, System.nanoTime());
        tracked.put(run.id(), t);
        t.future = scheduler.scheduleAtFixedRate(() -> report(t), nanos, nanos, TimeUnit.NANOSECONDS);
    }

    private void report(Tracked t) {
        try {
            if (t.run.isDone()) {
                t.future.cancel(false);
                tracked.remove(t.run.id());
                return;
            }
            PipelineStats stats = t.run.stats();
            long now = System.nanoTime();
            long done = stats.consumed();
            double seconds = (now - t.lastNanos) / 1e9;
            double rate = seconds <= 0 ? 0 : (done - t.lastDone) / seconds;
            t.lastNanos = now;
            t.lastDone = done;
            sink.accept(line(t.run, stats, rate));
        } catch (RuntimeException e) {
            log.debug("Progress report of run {} failed", t.run.id(), e);
        }
    }

    /** The progress line of a run, given its stats and its current rate (items done per second). */
    static String line(PipelineRun run, PipelineStats stats, double rate) {
        long failed = 0;
        for (StageStats stage : stats.stages()) {
            failed += stage.failed();
        }
        StringBuilder line = new StringBuilder(String.format("Pipeline '%s' run %s: %,d items done, %,d produced, "
                + "%,.0f items/s, %,d failed", run.pipeline(), run.id(), stats.consumed(), stats.produced(), rate,
                failed));
        Optional<StageStats> bottleneck = stats.bottleneck();
        bottleneck.ifPresent(b -> line.append(String.format(", bottleneck %s (%,.0f items/s)", b.name(),
                b.throughput())));
        line.append(String.format(", running %.1fs", stats.runtime().toMillis() / 1000.0));
        return line.toString();
    }

    private static final class Tracked {
        final PipelineRun run;
        volatile ScheduledFuture<?> future;
        long lastNanos;
        long lastDone;

        Tracked(PipelineRun run, long startNanos) {
            this.run = run;
            this.lastNanos = startNanos;
        }
    }
}
