package io.minigun.runtime;

import io.minigun.ProcessorFunction;
import io.minigun.definition.GraphNode;
import io.minigun.execution.StagePlan;

/** A processor or consumer: runs its body once per item. */
final class ItemStage extends StageRuntime {
    private final ProcessorFunction<Object, Object> body;

    @SuppressWarnings("unchecked")
    ItemStage(Run run, GraphNode node, StagePlan plan) {
        super(run, node, plan);
        this.body = (ProcessorFunction<Object, Object>) node.definition().body();
    }

    @Override
    void onItem(Lane lane, Object item) {
        lane.consumed();
        if (run.stopping) {
            lane.cancelled(1);
            return;
        }
        processWithRetries(lane, item, 1);
    }

    @Override
    void invoke(Lane lane, Object item) throws Exception {
        body.process(item, lane.output);
    }
}
