package io.minigun.execution;

import io.minigun.ContextType;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.List;

/**
 * What an {@link ExecutionPlan} decided for one stage: an immutable view for tools that show plans (the actuator
 * endpoint, a live view), independent of how the engine represents the plan.
 *
 * @param name          the stage name
 * @param path          the stage's path below the root pipeline: its name, or {@code nested/name} inside a nested
 *                      pipeline (the form {@code PipelineBuilder.configure} accepts)
 * @param pipeline      the path of the pipeline that declares it, root pipeline name first ({@code orders/enrich})
 * @param kind          what the stage does: {@code producer}, {@code processor}, {@code accumulator},
 *                      {@code consumer} or {@code stage}
 * @param placement     how it runs, lower case: {@code producer}, {@code workers}, {@code dispatch},
 *                      {@code colocated}, {@code drain}, {@code process}, {@code remote}, {@code inline} or
 *                      {@code caller}
 * @param contextType   the resolved context type (a colocated stage reports its upstream's)
 * @param contextName   the named context it runs in, or {@code null}
 * @param workers       worker threads, virtual-thread cap, worker JVMs, or 1
 * @param queueCapacity its input queue capacity: 0 without a queue, {@code Integer.MAX_VALUE} when unbounded
 * @param colocatedWith the path of the upstream stage it is fused with, or {@code null}
 * @param retries       retries of a failing item
 * @param backoff       the first retry delay
 * @param downstream    the paths of the stages its items go to (for a nested pipeline, the stages its entrance
 *                      hands them to)
 * @param transport     a remote stage's transport, as it names itself ({@code kafka}); {@code null} for a stage that
 *                      runs in this JVM
 */
public record PlannedStage(
        String name,
        String path,
        String pipeline,
        String kind,
        String placement,
        ContextType contextType,
        @Nullable String contextName,
        int workers,
        int queueCapacity,
        @Nullable String colocatedWith,
        int retries,
        Duration backoff,
        List<String> downstream,
        @Nullable String transport) {

    /** Copies {@code downstream}. */
    public PlannedStage {
        downstream = List.copyOf(downstream);
    }
}
