package io.minigun.internal.plan;

import io.minigun.Affinity;
import io.minigun.ContextType;
import io.minigun.ConcurrencySettings;
import io.minigun.internal.definition.GraphNode;
import io.minigun.NamedContext;
import io.minigun.internal.definition.PipelineGraph;
import io.minigun.PipelineSettings;
import io.minigun.internal.definition.StageConfig;
import io.minigun.internal.definition.StageKind;
import io.minigun.internal.worker.ProcessRecipes;

import java.util.List;

/**
 * Decides, for every stage of a wired graph, its context, worker count, queue and whether it is fused with its
 * upstream. Pure: the same graph always gives the same plan.
 *
 * <p>A stage is colocated (fused) only when it declares nothing about where it runs, takes input from exactly one
 * ordinary stage (not a loop stage, which reads its own input) that runs on one worker in this JVM and emits only to
 * it, is not {@code await}, not a loop stage and
 * not an accumulator with {@code maxWait} (its timer needs a thread of its own), and colocation is enabled.
 */
public final class ExecutionPlanner {
    private ExecutionPlanner() {
    }

    public static Plan plan(PipelineGraph graph) {
        StagePlan[] plans = new StagePlan[graph.nodes().size()];
        boolean forceInline = graph.root().settings().concurrency().forceInlineOrDefault();
        for (GraphNode node : graph.topologicalOrder()) {
            plans[node.id()] = forceInline ? callerPlan(node) : plan(graph, node, plans);
        }
        return new Plan(graph, List.of(plans), forceInline);
    }

    private static StagePlan callerPlan(GraphNode node) {
        int colocatedWith = node.upstream().size() == 1 ? node.upstream().get(0) : -1;
        return stagePlan(node, Placement.CALLER, ContextType.INLINE, null, 1, 0, colocatedWith, node.id());
    }

    private static StagePlan plan(PipelineGraph graph, GraphNode node, StagePlan[] plans) {
        PipelineSettings settings = node.scope().settings();
        ConcurrencySettings concurrency = settings.concurrency();
        StageConfig config = node.config();
        if (node.isRouter()) {
            return stagePlan(node, Placement.ROUTER, ContextType.INLINE, null, 1, 0, -1, -1);
        }
        NamedContext named = config.context() == null ? null : settings.contexts().get(config.context());
        ContextType declared = named != null ? named.type() : config.concurrency();
        Integer requested = named != null ? Integer.valueOf(named.size()) : config.requestedWorkers();
        String contextName = named == null ? null : named.name();

        if (node.kind() == StageKind.PRODUCER) {
            ContextType type = declared == ContextType.VIRTUAL ? ContextType.VIRTUAL : ContextType.THREAD;
            return stagePlan(node, Placement.PRODUCER, type, contextName, 1, 0, -1, node.id());
        }
        int capacity = config.unbounded() ? Integer.MAX_VALUE
                : config.queueSize() != null ? config.queueSize() : settings.queueSize();
        if (config.isRemote()) {
            StagePlan plan = stagePlan(node, Placement.REMOTE, ContextType.THREAD, null, 1, capacity, -1, node.id());
            return plan.withTransport(config.transport());
        }
        if (declared == ContextType.PROCESS) {
            int workers = requested != null ? requested : concurrency.processesOrDefault();
            StagePlan plan = stagePlan(node, Placement.PROCESS, ContextType.PROCESS, contextName, workers, capacity, -1,
                    node.id());
            return plan.withRecipe(ProcessRecipes.recipeFor(node));
        }
        if (declared == ContextType.INLINE) {
            StagePlan host = singleThreadedUpstream(graph, node, plans);
            return host != null
                    ? stagePlan(node, Placement.INLINE, ContextType.INLINE, contextName, 1, 0, host.nodeId(),
                    host.hostId())
                    : stagePlan(node, Placement.INLINE, ContextType.INLINE, contextName, 1, 0, -1, -1);
        }
        if (declared == ContextType.VIRTUAL || (named != null && declared == ContextType.THREAD
                && node.kind() != StageKind.LOOP)) {
            int lanes = requested != null ? requested : concurrency.virtualThreadsOrDefault();
            Placement placement = node.kind() == StageKind.LOOP ? Placement.WORKERS : Placement.DISPATCH;
            return stagePlan(node, placement, declared, contextName, lanes, capacity, -1, node.id());
        }
        if (declared == ContextType.THREAD || requested != null) {
            int threads = requested != null ? requested : concurrency.threadsOrDefault();
            return stagePlan(node, Placement.WORKERS, ContextType.THREAD, contextName, threads, capacity, -1,
                    node.id());
        }
        StagePlan upstream = colocationHost(graph, node, plans);
        if (upstream != null) {
            return stagePlan(node, Placement.COLOCATED, upstream.contextType(), null, 1, 0, upstream.nodeId(),
                    upstream.hostId());
        }
        StagePlan pool = drainingPool(graph, node, plans);
        if (pool != null) {
            return stagePlan(node, Placement.DRAIN, pool.contextType(), null, 1, capacity, -1, node.id());
        }
        return stagePlan(node, Placement.WORKERS, ContextType.THREAD, null, 1, capacity, -1, node.id());
    }

    /**
     * The pool of several workers whose threads drain this stage, when it would otherwise get one thread of its own
     * behind them (a thread and a hand-off per item on a small machine): a stage that may be fused, with exactly one
     * upstream, that upstream a stage with several workers in this JVM.
     */
    private static StagePlan drainingPool(PipelineGraph graph, GraphNode node, StagePlan[] plans) {
        StageConfig config = node.config();
        if (!node.scope().settings().concurrency().inlineOrDefault() || config.affinity() == Affinity.INDEPENDENT
                || config.isAwait() || node.kind() == StageKind.LOOP
                || (node.kind() == StageKind.ACCUMULATOR && config.maxWait() != null)
                || node.upstream().size() != 1 || node.boundaryInput()) {
            return null;
        }
        GraphNode upstream = graph.node(node.upstream().get(0));
        StagePlan upstreamPlan = plans[upstream.id()];
        boolean pool = (upstreamPlan.placement() == Placement.WORKERS && upstreamPlan.workers() > 1)
                || upstreamPlan.placement() == Placement.DISPATCH;
        return pool && !upstream.isRouter() && upstream.kind() != StageKind.LOOP ? upstreamPlan : null;
    }

    private static StagePlan colocationHost(PipelineGraph graph, GraphNode node, StagePlan[] plans) {
        StageConfig config = node.config();
        if (!node.scope().settings().concurrency().inlineOrDefault() || config.affinity() == Affinity.INDEPENDENT
                || config.isAwait() || node.kind() == StageKind.LOOP
                || (node.kind() == StageKind.ACCUMULATOR && config.maxWait() != null)) {
            return null;
        }
        return singleThreadedUpstream(graph, node, plans);
    }

    /** The upstream this stage can run in by direct call, if it has exactly one, single-threaded, non fan-out. */
    private static StagePlan singleThreadedUpstream(PipelineGraph graph, GraphNode node, StagePlan[] plans) {
        if (node.upstream().size() != 1 || node.boundaryInput()) {
            return null;
        }
        GraphNode upstream = graph.node(node.upstream().get(0));
        StagePlan upstreamPlan = plans[upstream.id()];
        if (upstream.isRouter() || upstream.kind() == StageKind.LOOP || upstream.downstream().size() != 1
                || upstreamPlan.hostId() < 0
                || !upstreamPlan.isSingleThreaded()) {
            return null;
        }
        return upstreamPlan;
    }

    private static StagePlan stagePlan(GraphNode node, Placement placement, ContextType type, String contextName,
                                       int workers, int capacity, int colocatedWith, int hostId) {
        PipelineSettings settings = node.scope().settings();
        StageConfig config = node.config();
        return new StagePlan(node.id(), node.name(), node.scope().path(), node.kind(), placement, type, contextName,
                workers, capacity, colocatedWith, hostId,
                config.retries() != null ? config.retries() : settings.concurrency().retriesOrDefault(),
                config.backoff() != null ? config.backoff() : settings.concurrency().backoffOrDefault(),
                config.onErrorOr(settings.errorPolicy()), null, null);
    }
}
