package io.minigun.process;

import io.minigun.definition.StageKind;

import java.io.Serializable;
import java.util.Map;

/**
 * Everything a worker JVM is told when it starts: how to obtain the stage, how to run it, and the run it belongs to.
 *
 * @param recipe        how to obtain the stage's code
 * @param pipeline      the path of the pipeline that declares the stage
 * @param stage         the stage name
 * @param kind          processor, consumer or accumulator
 * @param worker        this worker's number, from 1
 * @param maxSize       accumulators: batch size
 * @param maxWaitNanos  accumulators: time-based flush, or -1
 * @param retries       retries of a failing item
 * @param backoffNanos  first retry delay
 * @param codec         how items cross the pipe
 * @param runId         the run's id
 * @param rootPipeline  the root pipeline's name
 * @param parameters    the run's parameters that could be serialized
 */
public record WorkerBoot(
        StageRecipe recipe,
        String pipeline,
        String stage,
        StageKind kind,
        int worker,
        int maxSize,
        long maxWaitNanos,
        int retries,
        long backoffNanos,
        Codec codec,
        String runId,
        String rootPipeline,
        Map<String, Object> parameters) implements Serializable {
}
