package io.minigun.internal.plan;

import io.minigun.ContextType;
import io.minigun.internal.definition.GraphNode;
import io.minigun.internal.definition.PipelineGraph;
import io.minigun.internal.definition.StageKind;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How a pipeline will run: for every stage its context, worker count, queue capacity and affinity (colocated with
 * its upstream, or independent). Built once per pipeline, immutable, and printable as text or as a Mermaid chart.
 * Stage names are resolved as dynamic routing does (own pipeline first, then nested, then the whole tree).
 */
public final class Plan {
    private final PipelineGraph graph;
    private final List<StagePlan> stages;
    private final boolean forceInline;

    Plan(PipelineGraph graph, List<StagePlan> stages, boolean forceInline) {
        this.graph = graph;
        this.stages = List.copyOf(stages);
        this.forceInline = forceInline;
    }

    /** The wired graph this plan runs. */
    public PipelineGraph graph() {
        return graph;
    }

    /** The root pipeline's name. */
    public String pipelineName() {
        return graph.root().name();
    }

    /** Every stage's plan, indexed by node id (nested pipeline entrances included, as {@link Placement#ROUTER}). */
    public List<StagePlan> stages() {
        return stages;
    }

    /** Whether the whole pipeline runs on the caller's thread ({@code concurrency.forceInline}). */
    public boolean isForceInline() {
        return forceInline;
    }

    /** The plan of the named stage. */
    public StagePlan stage(String name) {
        return stages.get(node(name).id());
    }

    /** The resolved context type: a colocated stage reports its upstream's, an independent AUTO stage THREAD. */
    public ContextType contextType(String stage) {
        return stage(stage).contextType();
    }

    /** Whether the stage runs in its upstream's worker by direct call. */
    public boolean isColocated(String stage) {
        return stage(stage).placement() == Placement.COLOCATED;
    }

    /** The upstream stage the named stage is fused with, if it is colocated. */
    public Optional<String> colocatedWith(String stage) {
        StagePlan plan = stage(stage);
        return plan.placement() == Placement.COLOCATED
                ? Optional.of(graph.node(plan.colocatedWith()).name())
                : Optional.empty();
    }

    /** The worker count: pool size, virtual-thread cap, number of worker JVMs, or 1. */
    public int workers(String stage) {
        return stage(stage).workers();
    }

    /** The input queue capacity: 0 without a queue, {@code Integer.MAX_VALUE} when unbounded. */
    public int queueCapacity(String stage) {
        return stage(stage).queueCapacity();
    }

    /** The context types the plan uses (one pool of each is opened per run). */
    public Set<ContextType> contextTypes() {
        Set<ContextType> types = EnumSet.noneOf(ContextType.class);
        for (StagePlan plan : stages) {
            if (plan.placement() != Placement.ROUTER) {
                types.add(plan.contextType());
            }
        }
        return types;
    }

    /** A table of every stage: kind, placement, context, workers, queue and edges. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        text.append("Execution plan for pipeline '").append(pipelineName()).append('\'');
        if (forceInline) {
            text.append(" (forceInline: everything runs on the caller's thread)");
        }
        text.append('\n');
        for (GraphNode node : graph.topologicalOrder()) {
            StagePlan plan = stages.get(node.id());
            text.append(String.format("  %-28s %-11s %-9s %-7s", label(node), node.kind().label(),
                    plan.placement().name().toLowerCase(), plan.contextType()));
            if (plan.contextName() != null) {
                text.append(" context=").append(plan.contextName());
            }
            text.append(" workers=").append(plan.workers());
            text.append(" queue=").append(plan.queueCapacity() == Integer.MAX_VALUE ? "unbounded"
                    : String.valueOf(plan.queueCapacity()));
            if (plan.transport() != null) {
                text.append(" transport=").append(plan.transport().name());
            }
            if (plan.placement() == Placement.COLOCATED) {
                text.append(" with=").append(graph.node(plan.colocatedWith()).name());
            }
            if (!node.downstream().isEmpty()) {
                text.append(" -> ").append(String.join(", ",
                        node.downstream().stream().map(id -> label(graph.node(id))).toList()));
                if (node.downstream().size() > 1) {
                    text.append(" (").append(node.routing().name().toLowerCase()).append(')');
                }
            }
            text.append('\n');
        }
        return text.toString();
    }

    /** The plan as a Mermaid flowchart: one node per stage, fused stages joined by thick edges. */
    public String toMermaid() {
        StringBuilder chart = new StringBuilder("flowchart LR\n");
        for (GraphNode node : graph.nodes()) {
            StagePlan plan = stages.get(node.id());
            String text = node.isRouter() ? node.name() + " (entrance)"
                    : node.name() + "<br/>" + node.kind().label() + " · " + plan.contextType()
                    + (plan.workers() > 1 ? " ×" + plan.workers() : "");
            String shape = node.kind() == StageKind.PRODUCER ? "([%s])" : node.isRouter() ? "{{%s}}" : "[%s]";
            chart.append("  n").append(node.id()).append(String.format(shape, "\"" + text + "\"")).append('\n');
        }
        for (GraphNode node : graph.nodes()) {
            for (int target : node.downstream()) {
                boolean fused = stages.get(target).colocatedWith() == node.id();
                chart.append("  n").append(node.id()).append(fused ? " ==> " : " --> ").append('n').append(target)
                        .append('\n');
            }
        }
        return chart.toString();
    }

    @Override
    public String toString() {
        return describe();
    }

    private GraphNode node(String name) {
        return graph.resolve(graph.root(), name);
    }

    /** The stage's path below the root pipeline ("stage", "nested/stage"; a nested entrance reads "nested (entrance)"). */
    public String label(GraphNode node) {
        if (node.isRouter()) {
            return node.scope().path().substring(pipelineName().length() + 1) + " (entrance)";
        }
        return node.scope().isRoot() ? node.name() : node.scope().path().substring(pipelineName().length() + 1)
                + "/" + node.name();
    }
}
