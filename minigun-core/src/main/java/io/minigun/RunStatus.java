package io.minigun;

/** How a run ended. */
public enum RunStatus {
    /** Still running (only seen in live stats). */
    RUNNING,
    /** Every item and stage succeeded. */
    COMPLETED,
    /** The run went on to the end, but some items or stages failed. */
    COMPLETED_WITH_FAILURES,
    /** The run was stopped by a failure: fail-fast, an {@link Error}, a {@link PipelineAbortException} or a failing
     * {@code beforeRun} hook. */
    FAILED,
    /** The run was cancelled. */
    CANCELLED
}
