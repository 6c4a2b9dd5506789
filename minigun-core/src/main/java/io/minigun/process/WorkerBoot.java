package io.minigun.process;

import io.minigun.definition.StageKind;

import java.io.Serializable;
import java.util.Map;

/**
 * Everything a worker JVM is told when it starts: how to obtain the stage, how to run it, and the run it belongs to.
 * A class rather than a record: deserializing a record spins method handles, which costs every worker tens of
 * milliseconds at start-up.
 */
public final class WorkerBoot implements Serializable {
    private static final long serialVersionUID = 1L;

    private final StageRecipe recipe;
    private final String pipeline;
    private final String stage;
    private final StageKind kind;
    private final int worker;
    private final int maxSize;
    private final long maxWaitNanos;
    private final int retries;
    private final long backoffNanos;
    private final Codec codec;
    private final String runId;
    private final String rootPipeline;
    private final Map<String, Object> parameters;

    /**
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
    public WorkerBoot(StageRecipe recipe, String pipeline, String stage, StageKind kind, int worker, int maxSize,
                      long maxWaitNanos, int retries, long backoffNanos, Codec codec, String runId,
                      String rootPipeline, Map<String, Object> parameters) {
        this.recipe = recipe;
        this.pipeline = pipeline;
        this.stage = stage;
        this.kind = kind;
        this.worker = worker;
        this.maxSize = maxSize;
        this.maxWaitNanos = maxWaitNanos;
        this.retries = retries;
        this.backoffNanos = backoffNanos;
        this.codec = codec;
        this.runId = runId;
        this.rootPipeline = rootPipeline;
        this.parameters = parameters;
    }

    /** The same boot for worker number {@code number}. */
    WorkerBoot forWorker(int number) {
        return new WorkerBoot(recipe, pipeline, stage, kind, number, maxSize, maxWaitNanos, retries, backoffNanos,
                codec, runId, rootPipeline, parameters);
    }

    public StageRecipe recipe() {
        return recipe;
    }

    public String pipeline() {
        return pipeline;
    }

    public String stage() {
        return stage;
    }

    public StageKind kind() {
        return kind;
    }

    public int worker() {
        return worker;
    }

    public int maxSize() {
        return maxSize;
    }

    public long maxWaitNanos() {
        return maxWaitNanos;
    }

    public int retries() {
        return retries;
    }

    public long backoffNanos() {
        return backoffNanos;
    }

    public Codec codec() {
        return codec;
    }

    public String runId() {
        return runId;
    }

    public String rootPipeline() {
        return rootPipeline;
    }

    public Map<String, Object> parameters() {
        return parameters;
    }
}
