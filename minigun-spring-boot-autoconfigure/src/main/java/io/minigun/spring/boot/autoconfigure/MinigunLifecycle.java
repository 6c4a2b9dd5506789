package io.minigun.spring.boot.autoconfigure;

import io.minigun.PipelineRun;
import io.minigun.execution.PipelineExecutor;
import io.minigun.monitoring.ProgressReporter;
import io.minigun.process.WorkerMain;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.List;

/**
 * Ties Minigun to the application context's lifecycle. On start it starts the progress reporter (one private daemon
 * scheduler thread, never exposed as a bean, only when {@code minigun.progress.interval} is positive). On stop, in
 * an early shutdown phase, it cancels the active runs gracefully (producers stop, queues drain, items are counted as
 * cancelled) and waits for them within Boot's shutdown phase timeout
 * ({@code spring.lifecycle.timeout-per-shutdown-phase}), so every run's pools (and worker JVMs) are gone before the
 * beans the stages use are destroyed; then it closes the progress reporter.
 */
public final class MinigunLifecycle implements SmartLifecycle {
    /**
     * The phase: stopped after the web server's graceful shutdown has drained requests
     * ({@code DEFAULT_PHASE - 1024}) and before the web server stops ({@code DEFAULT_PHASE - 2048}).
     */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1536;

    private static final Log log = LogFactory.getLog(MinigunLifecycle.class);

    private final PipelineExecutor executor;
    private final ProgressReporter progress;
    private final Duration shutdownTimeout;
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
            List<PipelineRun> active = executor.activeRuns();
            if (!active.isEmpty()) {
                log.info("Cancelling " + active.size() + " active Minigun run(s) on shutdown: " + active);
                if (!executor.cancelAll(shutdownTimeout)) {
                    log.warn("Minigun runs still active " + shutdownTimeout.toMillis() + " ms after cancellation: "
                            + executor.activeRuns());
                }
            }
        } finally {
            progress.close();
            running = false;
        }
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
