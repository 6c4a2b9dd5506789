package io.minigun.internal.worker;

import io.minigun.process.Codec;
import io.minigun.process.StageRecipe;

import io.minigun.internal.definition.StageKind;

import java.io.Serializable;

/**
 * Everything a worker JVM is told when it starts: how to obtain the stage and how to run it. Nothing in it belongs
 * to one run (each run is told in a {@link WorkerRun}), so a worker booted with it can serve every run of the stage,
 * and two boots that serialize to the same bytes start interchangeable workers.
 * A class rather than a record: deserializing a record spins method handles, which costs every worker tens of
 * milliseconds at start-up.
 */
final class WorkerBoot implements Serializable {
    private static final long serialVersionUID = 1L;

    private final StageRecipe recipe;
    private final String pipeline;
    private final String stage;
    private final StageKind kind;
    private final int maxSize;
    private final long maxWaitNanos;
    private final int retries;
    private final long backoffNanos;
    private final Codec codec;

    /**
     * @param recipe        how to obtain the stage's code
     * @param pipeline      the path of the pipeline that declares the stage
     * @param stage         the stage name
     * @param kind          processor, consumer or accumulator
     * @param maxSize       accumulators: batch size
     * @param maxWaitNanos  accumulators: time-based flush, or -1
     * @param retries       retries of a failing item
     * @param backoffNanos  first retry delay
     * @param codec         how items cross the pipe
     */
    public WorkerBoot(StageRecipe recipe, String pipeline, String stage, StageKind kind, int maxSize,
                      long maxWaitNanos, int retries, long backoffNanos, Codec codec) {
        this.recipe = recipe;
        this.pipeline = pipeline;
        this.stage = stage;
        this.kind = kind;
        this.maxSize = maxSize;
        this.maxWaitNanos = maxWaitNanos;
        this.retries = retries;
        this.backoffNanos = backoffNanos;
        this.codec = codec;
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
}
