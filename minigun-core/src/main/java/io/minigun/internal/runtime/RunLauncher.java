package io.minigun.internal.runtime;

import io.minigun.PipelineRun;
import io.minigun.RunResult;
import io.minigun.internal.plan.Plan;
import io.minigun.internal.worker.WorkerPool;

import java.util.List;
import java.util.Map;

/** The door from the executor into the engine: starts runs of a plan, in the background or on the caller. */
public final class RunLauncher {
    private RunLauncher() {
    }

    /**
     * Starts a run; a supervisor thread lives it and publishes the result. The handle always completes, even when
     * that thread cannot be started. PROCESS stages with a keep-alive keep their workers in {@code workerPool}.
     */
    public static PipelineRun start(Plan plan, Map<String, Object> parameters, List<? extends RunObserver> observers,
                                    WorkerPool workerPool) {
        Run run = new Run(plan, parameters, workerPool);
        RunLifecycle lifecycle = new RunLifecycle(run, observers);
        RunHandle handle = new RunHandle(run, lifecycle.completion());
        lifecycle.announce(handle);
        if (plan.isForceInline()) {
            lifecycle.live();
            return handle;
        }
        try {
            new Thread(lifecycle::live, "minigun-" + plan.pipelineName() + "-" + run.id()).start();
        } catch (Throwable t) {
            lifecycle.failToLaunch(t);
        }
        return handle;
    }

    /**
     * Starts the worker JVMs of the plan's PROCESS stages that keep their workers warm, into {@code workerPool}, ahead
     * of any run; returns how many were started.
     */
    public static int startWorkers(Plan plan, WorkerPool workerPool) throws java.io.IOException {
        return ProcessStageAdapter.startWorkers(plan, workerPool);
    }

    /** Runs on the caller's thread until the run ends; an interrupt cancels the run and stays set. */
    public static RunResult run(Plan plan, Map<String, Object> parameters, List<? extends RunObserver> observers,
                                WorkerPool workerPool) {
        Run run = new Run(plan, parameters, workerPool);
        RunLifecycle lifecycle = new RunLifecycle(run, observers);
        lifecycle.announce(new RunHandle(run, lifecycle.completion()));
        return RunHandle.check(lifecycle.live());
    }
}
