package io.minigun.execution;

import io.minigun.ContextType;
import io.minigun.internal.definition.GraphNode;
import io.minigun.internal.definition.PipelineGraph;
import io.minigun.internal.plan.Placement;
import io.minigun.internal.plan.Plan;
import io.minigun.internal.plan.StagePlan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * How a pipeline will run: for every stage its context, worker count, queue capacity and affinity (colocated with
 * its upstream, or independent). Built once per pipeline, immutable, and printable as text or as a Mermaid chart.
 * Stage names are resolved as dynamic routing does (own pipeline first, then nested, then the whole tree).
 */
public final class ExecutionPlan {
    private final Plan plan;
    private final List<PlannedStage> stages;

    ExecutionPlan(Plan plan) {
        this.plan = plan;
        this.stages = views(plan);
    }

    /** The engine's plan, which the executor runs. */
    Plan plan() {
        return plan;
    }

    /** The root pipeline's name. */
    public String pipelineName() {
        return plan.pipelineName();
    }

    /** Whether the whole pipeline runs on the caller's thread ({@code concurrency.forceInline}). */
    public boolean isForceInline() {
        return plan.isForceInline();
    }

    /** Every stage in topological order, nested pipelines' stages included (their entrances are not stages). */
    public List<PlannedStage> stages() {
        return stages;
    }

    /**
     * What the plan decided for the named stage.
     *
     * @throws io.minigun.PipelineDefinitionException when no stage has that name, or several do
     */
    public PlannedStage stage(String stage) {
        String path = plan.label(plan.graph().resolve(plan.graph().root(), stage));
        for (PlannedStage planned : stages) {
            if (planned.path().equals(path)) {
                return planned;
            }
        }
        throw new IllegalArgumentException("'" + stage + "' is a nested pipeline, not a stage");
    }

    /** The resolved context type: a colocated stage reports its upstream's, an independent AUTO stage THREAD. */
    public ContextType contextType(String stage) {
        return plan.contextType(stage);
    }

    /** Whether the stage runs in its upstream's worker by direct call. */
    public boolean isColocated(String stage) {
        return plan.isColocated(stage);
    }

    /** The upstream stage the named stage is fused with, if it is colocated. */
    public Optional<String> colocatedWith(String stage) {
        return plan.colocatedWith(stage);
    }

    /** The worker count: pool size, virtual-thread cap, number of worker JVMs, or 1. */
    public int workers(String stage) {
        return plan.workers(stage);
    }

    /** The input queue capacity: 0 without a queue, {@code Integer.MAX_VALUE} when unbounded. */
    public int queueCapacity(String stage) {
        return plan.queueCapacity(stage);
    }

    /** The context types the plan uses (one pool of each is opened per run). */
    public Set<ContextType> contextTypes() {
        return plan.contextTypes();
    }

    /** A table of every stage: kind, placement, context, workers, queue and edges. */
    public String describe() {
        return plan.describe();
    }

    /** The plan as a Mermaid flowchart: one node per stage, fused stages joined by thick edges. */
    public String toMermaid() {
        return plan.toMermaid();
    }

    @Override
    public String toString() {
        return describe();
    }

    private static List<PlannedStage> views(Plan plan) {
        PipelineGraph graph = plan.graph();
        List<PlannedStage> views = new ArrayList<>();
        for (GraphNode node : graph.topologicalOrder()) {
            if (node.isRouter()) {
                continue;
            }
            StagePlan stage = plan.stages().get(node.id());
            List<String> downstream = new ArrayList<>();
            for (int next : node.downstream()) {
                addStagesReached(plan, graph.node(next), downstream);
            }
            views.add(new PlannedStage(node.name(), plan.label(node), node.scope().path(), node.kind().label(),
                    stage.placement().name().toLowerCase(Locale.ROOT), stage.contextType(), stage.contextName(),
                    stage.workers(), stage.queueCapacity(),
                    stage.placement() == Placement.COLOCATED ? plan.label(graph.node(stage.colocatedWith())) : null,
                    stage.retries(), stage.backoff(), downstream,
                    stage.transport() == null ? null : stage.transport().name()));
        }
        return List.copyOf(views);
    }

    /** The stage itself, or for a nested pipeline's entrance the stages it hands its items to. */
    private static void addStagesReached(Plan plan, GraphNode node, List<String> into) {
        if (!node.isRouter()) {
            String label = plan.label(node);
            if (!into.contains(label)) {
                into.add(label);
            }
            return;
        }
        for (int next : node.downstream()) {
            addStagesReached(plan, plan.graph().node(next), into);
        }
    }
}
