package io.minigun.internal.definition;

import io.minigun.AccumulatorFunction;
import io.minigun.LoopFunction;
import io.minigun.ProcessorFunction;
import io.minigun.ProducerFunction;
import io.minigun.process.StageRecipe;

/**
 * One declared stage: its name, kind, body and options. The body is normalized by kind:
 * {@link ProducerFunction} for producers, {@link ProcessorFunction} for processors and consumers,
 * {@link AccumulatorFunction} (or {@code null} to emit the batch itself) for accumulators, {@link LoopFunction} for
 * loop stages and a {@link PipelineDefinition} for nested pipelines.
 *
 * @param name       unique within its pipeline
 * @param kind       what the stage does
 * @param body       the normalized body (see above)
 * @param userCode   the object the user supplied, for diagnostics and serialization checks
 * @param emits      whether the stage can emit at all (a one-argument consumer cannot)
 * @param config     the options as declared
 * @param inputType  the item type the stage accepts, when known (annotated methods, explicitly typed lambdas)
 * @param outputType the item type the stage emits, when known
 * @param recipe     how a worker JVM obtains this stage's code, when a front end knows better than the default
 *                   (serialize the function, or re-create an annotated class); {@code null} for the default
 */
public record StageDefinition(
        String name,
        StageKind kind,
        Object body,
        Object userCode,
        boolean emits,
        StageConfig config,
        Class<?> inputType,
        Class<?> outputType,
        StageRecipe recipe) {

    /** A stage with the default worker recipe. */
    public StageDefinition(String name, StageKind kind, Object body, Object userCode, boolean emits,
                           StageConfig config, Class<?> inputType, Class<?> outputType) {
        this(name, kind, body, userCode, emits, config, inputType, outputType, null);
    }

    public StageDefinition withConfig(StageConfig newConfig) {
        return new StageDefinition(name, kind, body, userCode, emits, newConfig, inputType, outputType, recipe);
    }

    public StageDefinition withRecipe(StageRecipe newRecipe) {
        return new StageDefinition(name, kind, body, userCode, emits, config, inputType, outputType, newRecipe);
    }

    /** This stage with another body (a nested pipeline with changed stages). */
    public StageDefinition withBody(Object newBody) {
        return new StageDefinition(name, kind, newBody, userCode, emits, config, inputType, outputType, recipe);
    }

    /** The nested pipeline of a {@link StageKind#PIPELINE} stage. */
    public PipelineDefinition nested() {
        return (PipelineDefinition) body;
    }

    @Override
    public String toString() {
        return kind.label() + " '" + name + "'";
    }
}
