package io.minigun.spring.boot.actuate.endpoint;

import io.minigun.definition.GraphNode;
import io.minigun.definition.PipelineGraph;
import io.minigun.execution.ExecutionPlan;
import io.minigun.execution.StagePlan;
import io.minigun.spring.boot.actuate.endpoint.MinigunEndpoint.EdgeDescriptor;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The static edges of a plan between visible stages: an edge into a nested pipeline's entrance goes on to its entry stages. */
final class PlanEdges {
    private PlanEdges() {
    }

    static List<EdgeDescriptor> of(ExecutionPlan plan) {
        PipelineGraph graph = plan.graph();
        List<EdgeDescriptor> edges = new ArrayList<>();
        for (GraphNode node : graph.topologicalOrder()) {
            if (node.isRouter()) {
                continue;
            }
            Set<GraphNode> targets = new LinkedHashSet<>();
            for (int next : node.downstream()) {
                collect(graph, graph.node(next), targets);
            }
            for (GraphNode target : targets) {
                StagePlan stage = plan.stages().get(target.id());
                edges.add(new EdgeDescriptor(node.qualifiedName(), target.qualifiedName(),
                        stage.colocatedWith() == node.id()));
            }
        }
        return edges;
    }

    private static void collect(PipelineGraph graph, GraphNode node, Set<GraphNode> into) {
        if (!node.isRouter()) {
            into.add(node);
            return;
        }
        for (int next : node.downstream()) {
            collect(graph, graph.node(next), into);
        }
    }
}
