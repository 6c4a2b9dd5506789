package io.minigun.spring.boot.autoconfigure;

import io.minigun.PipelineDefinitionException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a pipeline that failed validation at startup as a short "APPLICATION FAILED TO START" block with the
 * definition message (which names the pipeline, the stages and the fix) instead of a stack trace.
 */
final class MinigunFailureAnalyzer extends AbstractFailureAnalyzer<PipelineDefinitionException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, PipelineDefinitionException cause) {
        String description = cause.getMessage();
        for (Throwable t = rootFailure; t != null && t != cause; t = t.getCause()) {
            if (t.getCause() == cause && t.getMessage() != null) {
                description = t.getMessage();
                break;
            }
        }
        return new FailureAnalysis(description,
                "Fix the pipeline definition named above: its annotations, its builder calls, or the "
                        + "minigun.pipelines.* properties that override them.", cause);
    }
}
