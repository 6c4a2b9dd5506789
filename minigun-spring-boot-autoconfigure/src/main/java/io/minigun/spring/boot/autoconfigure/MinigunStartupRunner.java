package io.minigun.spring.boot.autoconfigure;

import io.minigun.PipelineRun;
import io.minigun.RunResult;
import io.minigun.RunStatus;
import io.minigun.execution.ExecutionPlan;
import io.minigun.execution.PipelineExecutor;
import io.minigun.execution.RunListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import io.minigun.internal.worker.WorkerMain;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Starts the pipelines named by {@code minigun.run-on-startup} once the application is ready, in the background (the
 * application stays responsive; {@link #runs()} gives the handles to await), and logs each run's summary when it
 * ends. The names are checked at startup, before the application is ready.
 */
public final class MinigunStartupRunner implements ApplicationListener<ApplicationReadyEvent> {
    private static final Log log = LogFactory.getLog(MinigunStartupRunner.class);

    private final PipelineExecutor executor;
    private final List<String> pipelines;
    private final List<PipelineRun> runs = new CopyOnWriteArrayList<>();
    /** Ids of the runs started here whose end is not logged yet; also the lock that orders start and end. */
    private final Set<String> started = new HashSet<>();

    /**
     * @param executor  the executor to start the pipelines on
     * @param pipelines the names of the pipelines to start
     */
    public MinigunStartupRunner(PipelineExecutor executor, List<String> pipelines) {
        this.executor = executor;
        this.pipelines = List.copyOf(pipelines);
        if (!this.pipelines.isEmpty()) {
            executor.addListener(new SummaryLogger(started));
        }
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        if (Boolean.getBoolean(WorkerMain.WORKER_PROPERTY)) {
            return; // a PROCESS worker JVM started this application only to obtain its stages
        }
        for (String name : pipelines) {
            PipelineRun run;
            synchronized (started) {
                // a run that ends at once waits in SummaryLogger until its id is known
                run = executor.start(name);
                started.add(run.id());
            }
            runs.add(run);
            log.info("Started Minigun pipeline '" + name + "' on startup: run " + run.id());
        }
    }

    /** The pipelines this runner starts. */
    public List<String> pipelines() {
        return pipelines;
    }

    /** The runs started so far, in start order. */
    public List<PipelineRun> runs() {
        return List.copyOf(runs);
    }

    /** Logs the result of the runs started on startup. */
    private record SummaryLogger(Set<String> started) implements RunListener {
        @Override
        public void runFinished(RunResult result, ExecutionPlan plan) {
            synchronized (started) {
                if (!started.remove(result.id())) {
                    return;
                }
            }
            String text = result.describe() + System.lineSeparator() + result.stats().summary();
            if (result.status() == RunStatus.COMPLETED) {
                log.info(text);
            } else {
                log.warn(text);
            }
        }
    }
}
