package io.minigun.internal.runtime;

import io.minigun.Routing;
import io.minigun.internal.definition.GraphNode;
import io.minigun.internal.plan.StagePlan;

import java.util.concurrent.atomic.AtomicInteger;

/** The entrance of a nested pipeline: hands each item to the entry stages, in the sender's thread. */
final class RouterStage extends StageRuntime {
    private final AtomicInteger next = new AtomicInteger();
    private Target[] targets = new Target[0];

    RouterStage(Run run, GraphNode node, StagePlan plan) {
        super(run, node, plan);
    }

    void connect(Target[] targets) {
        this.targets = targets;
    }

    @Override
    void onItem(Lane lane, Object item) {
        Target[] targets = this.targets;
        if (targets.length == 1) {
            targets[0].deliver(item, null);
        } else if (node.routing() == Routing.ROUND_ROBIN) {
            targets[Math.floorMod(next.getAndIncrement(), targets.length)].deliver(item, null);
        } else {
            for (Target target : targets) {
                target.deliver(item, null);
            }
        }
    }
}
