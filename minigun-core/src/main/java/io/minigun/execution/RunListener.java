package io.minigun.execution;

import io.minigun.PipelineRun;
import io.minigun.RunResult;

/** Hears about every run an executor starts and finishes: the hook for metrics, endpoints and progress logs. */
public interface RunListener {

    /** A run is starting: called on the thread that started it, before any hook or stage runs. */
    default void runStarted(PipelineRun run, ExecutionPlan plan) {
    }

    /** A run has ended, whatever its status. Called before anyone waiting for the run is released. */
    default void runFinished(RunResult result, ExecutionPlan plan) {
    }
}
