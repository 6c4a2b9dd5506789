package io.minigun.internal.runtime;

import io.minigun.ProcessorFunction;
import io.minigun.internal.definition.GraphNode;
import io.minigun.internal.plan.StagePlan;

/** A processor or consumer: runs its body once per item. */
final class ItemStage extends StageRuntime {
    private final ProcessorFunction<Object, Object> body;

    @SuppressWarnings("unchecked")
    ItemStage(Run run, GraphNode node, StagePlan plan) {
        super(run, node, plan);
        this.body = (ProcessorFunction<Object, Object>) node.definition().body();
    }

    /** The body as the engine calls it. */
    ProcessorFunction<Object, Object> body() {
        return body;
    }

    /** The function the user supplied (a processor, a map function, a consumer…), which the body adapts. */
    Object userCode() {
        return node.definition().userCode();
    }

    /** A direct call from the emitter, which has just checked that the run is not stopping. */
    @Override
    void onItem(Lane lane, Object item) {
        lane.consumed();
        processWithRetries(lane, item, 1);
    }

    /** An item from a queue: it may have waited there while the run began stopping, and is then cancelled. */
    @Override
    void onQueuedItem(Lane lane, Object item) {
        if (run.stopping) {
            lane.consumed();
            lane.cancelled(1);
            return;
        }
        onItem(lane, item);
    }

    @Override
    void invoke(Lane lane, Object item) throws Exception {
        body.process(item, lane.output);
    }
}
