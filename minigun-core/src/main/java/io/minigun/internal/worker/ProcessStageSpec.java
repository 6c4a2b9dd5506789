package io.minigun.internal.worker;

import io.minigun.process.ProcessOptions;
import io.minigun.process.StageRecipe;

import io.minigun.internal.definition.StageKind;

import java.time.Duration;
import java.util.Map;

/**
 * The facts about a PROCESS stage that its workers need, fixed for a run.
 *
 * @param pipeline      the path of the pipeline that declares the stage
 * @param stage         the stage name
 * @param kind          processor, consumer or accumulator
 * @param workers       how many worker JVMs
 * @param recipe        how a worker obtains the stage's code
 * @param options       JVM arguments and codec
 * @param retries       retries of a failing item
 * @param backoff       first retry delay
 * @param batchSize     accumulators: batch size
 * @param maxWait       accumulators: time-based flush, or null
 * @param runId         the run's id
 * @param rootPipeline  the root pipeline's name
 * @param parameters    the run's parameters
 */
public record ProcessStageSpec(String pipeline, String stage, StageKind kind, int workers, StageRecipe recipe,
                               ProcessOptions options, int retries, Duration backoff, int batchSize, Duration maxWait,
                               String runId, String rootPipeline, Map<String, Object> parameters) {

    /** The stage as log lines name it: {@code pipeline/stage}. */
    String qualifiedName() {
        return pipeline + "/" + stage;
    }

    boolean isAccumulator() {
        return kind == StageKind.ACCUMULATOR;
    }
}
