package io.minigun.spring.boot.autoconfigure;

import io.minigun.execution.PipelineExecutor;
import io.minigun.internal.worker.WorkerMain;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * Starts the worker JVMs of every registered pipeline's PROCESS stages once the application is ready
 * ({@code minigun.process.start-workers-on-startup}), so that the first run takes them warm instead of waiting for
 * them to boot the application. Runs before the {@code run-on-startup} pipelines start, and never in a worker JVM.
 * A worker that cannot be spawned is logged: the runs then start their workers themselves.
 */
public final class MinigunWorkerStarter implements ApplicationListener<ApplicationReadyEvent>, Ordered {
    private static final Log log = LogFactory.getLog(MinigunWorkerStarter.class);

    private final PipelineExecutor executor;

    /** @param executor the executor whose pipelines' workers to start, into its worker pool */
    public MinigunWorkerStarter(PipelineExecutor executor) {
        this.executor = executor;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        if (Boolean.getBoolean(WorkerMain.WORKER_PROPERTY)) {
            return; // a worker JVM starts no workers of its own
        }
        for (String name : executor.pipelineNames()) {
            try {
                int started = executor.startWorkers(name);
                if (started > 0) {
                    log.info("Started " + started + " worker JVM(s) of pipeline '" + name + "' on startup");
                }
            } catch (RuntimeException e) {
                log.warn("Cannot start the worker JVMs of pipeline '" + name + "' on startup; its runs will start "
                        + "them", e);
            }
        }
    }

    /** Before the other listeners of the ready event, so that {@code run-on-startup} runs find the workers. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
