package io.minigun;

import org.jspecify.annotations.Nullable;

/** A run ended {@link RunStatus#FAILED} (or had failures, from {@link RunResult#throwIfFailed()}); carries the result. */
public class PipelineExecutionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient RunResult result;

    public PipelineExecutionException(String message, RunResult result, @Nullable Throwable cause) {
        super(message, cause);
        this.result = result;
    }

    /** The result of the run, with its stats and failures. */
    public RunResult result() {
        return result;
    }
}
