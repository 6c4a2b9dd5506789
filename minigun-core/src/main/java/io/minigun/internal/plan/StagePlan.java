package io.minigun.internal.plan;

import io.minigun.ContextType;
import io.minigun.ErrorPolicy;
import io.minigun.internal.definition.StageKind;
import io.minigun.process.StageRecipe;
import io.minigun.remote.RemoteTransport;

import java.time.Duration;

/**
 * What the plan decided for one stage.
 *
 * @param nodeId        the stage's node in the pipeline graph
 * @param name          the stage name
 * @param pipeline      the path of the pipeline that declares it
 * @param kind          what the stage does
 * @param placement     how it runs
 * @param contextType   the resolved context type (a colocated stage reports its upstream's)
 * @param contextName   the named context it runs in, or {@code null}
 * @param workers       worker threads, lanes, or 1
 * @param queueCapacity input queue capacity; 0 without a queue, {@code Integer.MAX_VALUE} when unbounded
 * @param colocatedWith the node it is fused with (its upstream), or -1
 * @param hostId        the node whose worker runs this stage's items (itself unless fused), or -1 when any
 *                      emitting thread does
 * @param retries       retries of a failing item
 * @param backoff       first retry delay
 * @param errorPolicy   what a failed item does to the run
 * @param recipe        PROCESS stages: how their worker JVMs obtain the stage's code; else {@code null}
 * @param transport     REMOTE stages: what carries their items; else {@code null}
 */
public record StagePlan(
        int nodeId,
        String name,
        String pipeline,
        StageKind kind,
        Placement placement,
        ContextType contextType,
        String contextName,
        int workers,
        int queueCapacity,
        int colocatedWith,
        int hostId,
        int retries,
        Duration backoff,
        ErrorPolicy errorPolicy,
        StageRecipe recipe,
        RemoteTransport transport) {

    public StagePlan withRecipe(StageRecipe newRecipe) {
        return new StagePlan(nodeId, name, pipeline, kind, placement, contextType, contextName, workers, queueCapacity,
                colocatedWith, hostId, retries, backoff, errorPolicy, newRecipe, transport);
    }

    public StagePlan withTransport(RemoteTransport newTransport) {
        return new StagePlan(nodeId, name, pipeline, kind, placement, contextType, contextName, workers, queueCapacity,
                colocatedWith, hostId, retries, backoff, errorPolicy, recipe, newTransport);
    }

    /** Whether the stage has its own input queue. */
    public boolean hasQueue() {
        return placement == Placement.WORKERS || placement == Placement.DISPATCH || placement == Placement.PROCESS
                || placement == Placement.REMOTE || placement == Placement.DRAIN;
    }

    /** Whether items reach the stage by a direct call rather than through a queue. */
    public boolean isDirect() {
        return placement == Placement.COLOCATED || placement == Placement.INLINE || placement == Placement.ROUTER
                || placement == Placement.CALLER;
    }

    /** Whether exactly one thread runs this stage's items (so its code need not be thread-safe). */
    public boolean isSingleThreaded() {
        return switch (placement) {
            case PRODUCER, COLOCATED, CALLER, DRAIN -> true;
            case WORKERS -> workers == 1;
            case INLINE -> hostId >= 0;
            case DISPATCH, ROUTER, PROCESS, REMOTE -> false;
        };
    }
}
