package io.minigun.internal.runtime;

import io.minigun.RunHook;
import io.minigun.internal.definition.GraphNode;
import io.minigun.internal.definition.PipelineGraph;
import io.minigun.internal.definition.PipelineScope;
import io.minigun.internal.plan.Plan;
import io.minigun.internal.plan.Placement;
import io.minigun.internal.plan.StagePlan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a run's stages from its plan and connects them: a runtime per stage, fused stages registered with their
 * host, the static target each emitter sends to (the stage's queue, a direct call on the sender's thread, or a
 * serialized shared call), and the stage hooks resolved by name. It starts nothing, so it is tested without threads.
 */
final class RunWiring {
    private final PipelineGraph graph;
    private final StageRuntime[] stages;
    private final List<ProducerStage> producers = new ArrayList<>();
    private final int[] topologicalIndex;
    private final Map<Integer, List<RunHook>> beforeStage = new HashMap<>();
    private final Map<Integer, List<RunHook>> afterStage = new HashMap<>();

    RunWiring(Run run, Plan plan) {
        this.graph = plan.graph();
        this.stages = new StageRuntime[graph.nodes().size()];
        this.topologicalIndex = new int[stages.length];
        int position = 0;
        for (GraphNode node : graph.topologicalOrder()) {
            topologicalIndex[node.id()] = position++;
            stages[node.id()] = create(run, node, plan.stages().get(node.id()));
        }
        connect();
        resolveStageHooks();
    }

    /** The stages, indexed by graph node id. */
    StageRuntime[] stages() {
        return stages;
    }

    List<ProducerStage> producers() {
        return producers;
    }

    /** Each stage's position in topological order, indexed by node id (termination ends stages in this order). */
    int[] topologicalIndex() {
        return topologicalIndex;
    }

    List<RunHook> beforeHooks(StageRuntime stage) {
        return beforeStage.getOrDefault(stage.node.id(), List.of());
    }

    List<RunHook> afterHooks(StageRuntime stage) {
        return afterStage.getOrDefault(stage.node.id(), List.of());
    }

    private StageRuntime create(Run run, GraphNode node, StagePlan stagePlan) {
        return switch (node.kind()) {
            case PRODUCER -> {
                ProducerStage producer = new ProducerStage(run, node, stagePlan);
                producers.add(producer);
                yield producer;
            }
            case PROCESSOR, CONSUMER -> new ItemStage(run, node, stagePlan);
            case ACCUMULATOR -> new AccumulatorStage(run, node, stagePlan);
            case LOOP -> new LoopStage(run, node, stagePlan);
            case ROUTER -> new RouterStage(run, node, stagePlan);
            case PIPELINE -> throw new IllegalStateException("nested pipelines are flattened before planning");
        };
    }

    private void connect() {
        for (GraphNode node : graph.topologicalOrder()) {
            StageRuntime stage = stages[node.id()];
            int host = stage.plan.hostId();
            if (host >= 0 && host != node.id()) {
                stages[host].hosted.add(stage);
            }
        }
        for (ProducerStage producer : producers) {
            if (!producer.hosted.isEmpty()) {
                producer.inbox = new StageQueue(Integer.MAX_VALUE);
            }
        }
        for (StageRuntime stage : stages) {
            List<Integer> downstream = stage.node.downstream();
            Target[] targets = new Target[downstream.size()];
            for (int i = 0; i < targets.length; i++) {
                StageRuntime next = stages[downstream.get(i)];
                stage.downstream.add(next);
                targets[i] = staticTarget(next);
            }
            if (stage instanceof RouterStage router) {
                router.connect(targets);
            } else {
                for (Lane lane : stage.lanes) {
                    lane.output = emitter(stage, lane, targets);
                    lane.output.connect(targets, stage.node.routing());
                }
            }
        }
    }

    /**
     * The lane's output: a hop written for its target when the stage's one static target is a fused processor,
     * consumer or accumulator (so the JIT can inline one stage into the other), else the shared emitter.
     */
    private static Emitter emitter(StageRuntime stage, Lane lane, Target[] targets) {
        if (targets.length == 1 && targets[0] instanceof Target.Direct direct) {
            if (direct.stage instanceof ItemStage next) {
                return FusedEmitters.create(stage, lane, next);
            }
            if (direct.stage instanceof AccumulatorStage next) {
                return new AccumulatorHop(stage, lane, next);
            }
        }
        return lane.output;
    }

    /** A stage with a queue is sent to through it; a fused stage is called directly, by its host or serialized. */
    static Target staticTarget(StageRuntime target) {
        StagePlan p = target.plan;
        if (target.queue != null) {
            return new Target.Queued(target);
        }
        if (p.placement() == Placement.INLINE && p.hostId() < 0) {
            return new Target.Shared(target);
        }
        return new Target.Direct(target);
    }

    /**
     * The target for an item routed by name from {@code from}: a queue when the stage has one, a direct call for
     * routers and caller-run stages, a serialized call for an unhosted fused stage, else the host's inbox (a fused
     * stage runs only on its host's thread). Throws with the reason when the name cannot be resolved.
     */
    Target dynamicTarget(StageRuntime from, String name) {
        GraphNode node = graph.resolve(from.node.scope(), name);
        StageRuntime target = stages[node.id()];
        StagePlan p = target.plan;
        if (target instanceof ProducerStage) {
            return new Target.Refusing(target);
        }
        if (target.queue != null) {
            return new Target.Queued(target);
        }
        if (p.placement() == Placement.ROUTER || p.placement() == Placement.CALLER) {
            return new Target.Direct(target);
        }
        if (p.hostId() < 0) {
            return new Target.Shared(target);
        }
        return new Target.Hosted(target, stages[p.hostId()]);
    }

    private void resolveStageHooks() {
        for (PipelineScope scope : graph.scopes()) {
            scope.hooks().beforeStage().forEach((name, hooks) ->
                    beforeStage.computeIfAbsent(graph.resolve(scope, name).id(), k -> new ArrayList<>()).addAll(hooks));
            scope.hooks().afterStage().forEach((name, hooks) ->
                    afterStage.computeIfAbsent(graph.resolve(scope, name).id(), k -> new ArrayList<>()).addAll(hooks));
        }
    }
}
