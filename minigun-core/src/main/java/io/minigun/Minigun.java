package io.minigun;

import io.minigun.annotation.AnnotatedPipelines;
import io.minigun.execution.PipelineExecutor;

/**
 * Entry point: {@code Minigun.pipeline("orders").producer(...).processor(...).consumer(...).build()}, or
 * {@code Minigun.fromAnnotated(new OrdersPipeline())} for a class annotated with
 * {@link io.minigun.annotation.MinigunPipeline}.
 */
public final class Minigun {
    private Minigun() {
    }

    /** Starts declaring a pipeline. */
    public static PipelineBuilder pipeline(String name) {
        return new PipelineBuilder(name);
    }

    /**
     * Builds the pipeline an annotated instance declares: its {@code @Producer}, {@code @Processor},
     * {@code @Accumulator}, {@code @Consumer} and {@code @Stage} methods in source declaration order, and its hooks.
     *
     * @throws PipelineDefinitionException when the class or one of its methods is malformed
     */
    public static Pipeline fromAnnotated(Object pipeline) {
        return PipelineExecutor.shared().prepare(AnnotatedPipelines.definitionOf(pipeline));
    }
}
