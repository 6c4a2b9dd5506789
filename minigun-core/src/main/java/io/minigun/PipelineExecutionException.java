package io.minigun;

/** A run ended {@link RunStatus#FAILED} (or had failures, from {@link RunResult#throwIfFailed()}); carries the result. */
public class PipelineExecutionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient RunResult result;

    public PipelineExecutionException(String message, RunResult result, Throwable cause) {
        super(message, cause);
        this.result = result;
    }

    /** The result of the run, with its stats and failures. */
    public RunResult result() {
        return result;
    }
}
