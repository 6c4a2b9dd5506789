package io.minigun;

import io.minigun.internal.annotated.AnnotatedPipelines;

import java.util.List;

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
        return builderOf(pipeline).build();
    }

    /**
     * The declaration of an annotated instance, joined by standalone stage instances (classes carrying a stage
     * annotation whose {@code pipeline} attribute names this pipeline), as a builder to change before building: how
     * front ends apply configuration over annotations. It builds on the shared executor unless given another.
     *
     * @throws PipelineDefinitionException when a class or one of its methods is malformed
     */
    public static PipelineBuilder builderOf(Object pipeline, Object... standaloneStages) {
        return new PipelineBuilder(AnnotatedPipelines.definitionOf(pipeline, List.of(standaloneStages)), null);
    }
}
