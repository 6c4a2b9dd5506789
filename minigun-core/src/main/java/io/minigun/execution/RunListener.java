package io.minigun.execution;

import io.minigun.PipelineRun;
import io.minigun.RunResult;

/** Hears about every run an executor starts and finishes: the hook for metrics, endpoints and progress logs. */
public interface RunListener {

    /** A run has started (its stages may already be running). */
    default void runStarted(PipelineRun run, ExecutionPlan plan) {
    }

    /** A run has ended, whatever its status. Called before anyone waiting for the run is released. */
    default void runFinished(RunResult result, ExecutionPlan plan) {
    }
}
