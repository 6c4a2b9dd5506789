package io.minigun;

/** Thrown from stage code to abort the whole run at once (status {@link RunStatus#FAILED}). */
public class PipelineAbortException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PipelineAbortException(String message) {
        super(message);
    }

    public PipelineAbortException(String message, Throwable cause) {
        super(message, cause);
    }
}
