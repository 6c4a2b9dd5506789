package io.minigun.spring.boot.actuate.endpoint;

import io.minigun.execution.ExecutionPlan;
import io.minigun.execution.PlannedStage;
import io.minigun.spring.boot.actuate.endpoint.MinigunEndpoint.EdgeDescriptor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The static edges of a plan between its stages, each end named {@code pipeline/stage}; an edge into a nested
 * pipeline goes on to the stages its entrance hands items to.
 */
final class PlanEdges {
    private PlanEdges() {
    }

    static List<EdgeDescriptor> of(ExecutionPlan plan) {
        Map<String, PlannedStage> byPath = new HashMap<>();
        for (PlannedStage stage : plan.stages()) {
            byPath.put(stage.path(), stage);
        }
        List<EdgeDescriptor> edges = new ArrayList<>();
        for (PlannedStage stage : plan.stages()) {
            for (String path : stage.downstream()) {
                PlannedStage target = byPath.get(path);
                edges.add(new EdgeDescriptor(qualified(stage), qualified(target),
                        stage.path().equals(target.colocatedWith())));
            }
        }
        return edges;
    }

    private static String qualified(PlannedStage stage) {
        return stage.pipeline() + "/" + stage.name();
    }
}
