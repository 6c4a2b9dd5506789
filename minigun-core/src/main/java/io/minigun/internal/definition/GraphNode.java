package io.minigun.internal.definition;

import io.minigun.Routing;

import java.util.List;

/**
 * One node of the flattened, wired pipeline graph: a stage, or the internal entrance of a nested pipeline.
 *
 * @param id            index in {@link PipelineGraph#nodes()}
 * @param name          the stage name (the nested pipeline's name for an entrance)
 * @param scope         the pipeline the stage is declared in
 * @param kind          what the node does
 * @param definition    the declared stage ({@code null} for an entrance)
 * @param routing       how the node distributes its items over {@code downstream}
 * @param upstream      the nodes with a static edge into this one
 * @param downstream    the nodes this one emits to
 * @param boundaryInput whether an incoming edge crosses a nested pipeline's boundary (rules out colocation)
 */
public record GraphNode(
        int id,
        String name,
        PipelineScope scope,
        StageKind kind,
        StageDefinition definition,
        Routing routing,
        List<Integer> upstream,
        List<Integer> downstream,
        boolean boundaryInput) {

    public GraphNode {
        upstream = List.copyOf(upstream);
        downstream = List.copyOf(downstream);
    }

    /** Whether this is an internal routing node, invisible in stats. */
    public boolean isRouter() {
        return kind == StageKind.ROUTER;
    }

    public StageConfig config() {
        return definition == null ? StageConfig.empty() : definition.config();
    }

    /** The pipeline name and stage name, for messages. */
    public String qualifiedName() {
        return scope.path() + "/" + name;
    }

    @Override
    public String toString() {
        return qualifiedName();
    }
}
