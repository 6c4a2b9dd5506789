package io.minigun.runtime;

import io.minigun.PipelineRun;
import io.minigun.RunResult;
import io.minigun.execution.ExecutionPlan;
import io.minigun.execution.RunListener;

import java.util.List;
import java.util.Map;

/** The door from the executor into the engine: starts runs of a plan, in the background or on the caller. */
public final class RunLauncher {
    private RunLauncher() {
    }

    /** Starts a run; a supervisor thread waits for it and publishes the result. */
    public static PipelineRun start(ExecutionPlan plan, Map<String, Object> parameters, List<RunListener> listeners) {
        Run run = new Run(plan, parameters, listeners);
        RunHandle handle = new RunHandle(run);
        run.announce(handle);
        if (plan.isForceInline()) {
            run.start(handle);
            run.supervise();
            return handle;
        }
        Thread supervisor = new Thread(() -> {
            run.start(handle);
            run.supervise();
        }, "minigun-" + plan.pipelineName() + "-" + run.id());
        supervisor.start();
        return handle;
    }

    /** Runs on the caller's thread until the run ends. */
    public static RunResult run(ExecutionPlan plan, Map<String, Object> parameters, List<RunListener> listeners) {
        Run run = new Run(plan, parameters, listeners);
        RunHandle handle = new RunHandle(run);
        run.announce(handle);
        run.start(handle);
        return RunHandle.check(run.supervise());
    }
}
