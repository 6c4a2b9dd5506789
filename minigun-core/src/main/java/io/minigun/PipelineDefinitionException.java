package io.minigun;

/** A pipeline definition is malformed. The message names the pipeline, the stage(s) and the fix. */
public class PipelineDefinitionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PipelineDefinitionException(String message) {
        super(message);
    }

    public PipelineDefinitionException(String message, Throwable cause) {
        super(message, cause);
    }
}
