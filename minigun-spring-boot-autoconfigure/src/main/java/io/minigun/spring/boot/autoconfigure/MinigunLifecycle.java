package io.minigun.spring.boot.autoconfigure;

import io.minigun.PipelineRun;
import io.minigun.execution.PipelineExecutor;
import io.minigun.monitoring.ProgressReporter;
import io.minigun.internal.worker.WorkerMain;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Ties Minigun to the application context's lifecycle. On start it starts the progress reporter (one private daemon
 * scheduler thread, never exposed as a bean, only when {@code minigun.progress.interval} is positive). On stop, in
 * an early shutdown phase, it cancels the active runs gracefully (producers stop, queues drain, items are counted as
 * cancelled) and waits for them within Boot's shutdown phase timeout
 * ({@code spring.lifecycle.timeout-per-shutdown-phase}), so every run's pools (and worker JVMs) are gone before the
 * beans the stages use are destroyed; then it stops the worker JVMs kept warm between runs
 * ({@code minigun.process.keep-alive}) and closes the progress reporter. When this bean is destroyed, the executor's
 * worker pool is closed ({@link PipelineExecutor#closeWorkerPool()}): no worker JVM outlives the context.
 *
 * <p>A run that has not ended by then (a stage stuck in code that does not return) is left running and named in a
 * warning with its busy stages; its worker JVMs are already gone, since cancelling a run kills them at once. Shutdown
 * does not wait for it again: the auto-configured executor has no destroy method of its own (its
 * {@link PipelineExecutor#close()} would wait another 30 seconds), and when this bean is destroyed it cancels only the
 * runs started after it stopped, waiting for them within the same timeout.
 */
public final class MinigunLifecycle implements SmartLifecycle, DisposableBean {
    /**
     * The phase: stopped after the web server's graceful shutdown has drained requests
     * ({@code DEFAULT_PHASE - 1024}) and before the web server stops ({@code DEFAULT_PHASE - 2048}).
     */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1536;

    private static final Log log = LogFactory.getLog(MinigunLifecycle.class);

    private final PipelineExecutor executor;
    private final ProgressReporter progress;
    private final Duration shutdownTimeout;
    /** Runs that did not end within the timeout after they were cancelled: never waited for again. */
    private final Set<String> leftRunning = ConcurrentHashMap.newKeySet();
    private volatile boolean running;

    /**
     * @param executor         the executor whose runs to report on and to cancel on shutdown
     * @param progressInterval interval between progress lines; zero disables them
     * @param shutdownTimeout  how long to wait for cancelled runs to end
     */
    public MinigunLifecycle(PipelineExecutor executor, Duration progressInterval, Duration shutdownTimeout) {
        this.executor = executor;
        this.progress = new ProgressReporter(progressInterval);
        this.shutdownTimeout = shutdownTimeout;
        executor.addListener(progress);
    }

    @Override
    public void start() {
        if (Boolean.getBoolean(WorkerMain.WORKER_PROPERTY)) {
            running = true;
            return; // a PROCESS worker JVM runs no pipeline of its own: no progress lines
        }
        progress.start();
        executor.activeRuns().forEach(progress::track);
        running = true;
    }

    @Override
    public void stop() {
        try {
            cancelAndAwait("on shutdown");
            executor.stopWarmWorkers();
        } finally {
            progress.close();
            running = false;
        }
    }

    /**
     * Cancels the runs started after {@link #stop()} (or while the context failed to start), within the timeout, and
     * closes the worker pool: every warm worker JVM is stopped and the pool's threads end.
     */
    @Override
    public void destroy() {
        try {
            cancelAndAwait("at context destruction");
        } finally {
            executor.closeWorkerPool();
        }
    }

    /** Cancels the active runs, except those already left running, and waits up to the timeout for them to end. */
    private void cancelAndAwait(String when) {
        List<PipelineRun> runs = executor.activeRuns().stream().filter(run -> !leftRunning.contains(run.id()))
                .toList();
        if (runs.isEmpty()) {
            return;
        }
        log.info("Cancelling " + runs.size() + " active Minigun run(s) " + when + ": " + runs);
        if (!PipelineExecutor.cancel(runs, shutdownTimeout)) {
            List<PipelineRun> stuck = runs.stream().filter(run -> !run.isDone()).toList();
            if (stuck.isEmpty()) {
                return; // they ended just after the timeout
            }
            stuck.forEach(run -> leftRunning.add(run.id()));
            log.warn("Minigun run(s) still active " + shutdownTimeout.toMillis() + " ms after cancellation, left "
                    + "running: " + stuck.stream().map(MinigunLifecycle::describe).collect(Collectors.joining("; "))
                    + ". Their threads end when the stage code returns; their worker JVMs are stopped.");
        }
    }

    /** The run and the stages still handling an item. */
    private static String describe(PipelineRun run) {
        List<String> busy = run.stats().stages().stream().filter(stage -> stage.activeWorkers() > 0)
                .map(stage -> stage.pipeline() + "/" + stage.name() + " (" + stage.activeWorkers() + " busy)")
                .toList();
        return run + (busy.isEmpty() ? "" : ", stage(s) " + String.join(", ", busy));
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /** Whether progress lines are being reported (a positive interval and a started lifecycle). */
    public boolean isReportingProgress() {
        return progress.isRunning();
    }
}
