package io.minigun.internal.runtime;

import io.minigun.PipelineRun;
import io.minigun.RunResult;

/**
 * Hears about the runs the engine starts and finishes. The executor adapts its public
 * {@code io.minigun.execution.RunListener}s to this, so the engine does not depend on the execution package.
 */
public interface RunObserver {

    /** A run is starting: called on the thread that started it, before any hook or stage runs. */
    void runStarted(PipelineRun run);

    /** A run has ended, whatever its status. Called before anyone waiting for the run is released. */
    void runFinished(RunResult result);
}
