package io.minigun.internal.definition;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A pipeline tree after wiring, validation and flattening: every stage of every nested pipeline is one node, edges
 * into and out of nested pipelines are connected to their entry and terminal stages. Immutable.
 */
public final class PipelineGraph {
    private final PipelineScope root;
    private final List<GraphNode> nodes;
    private final List<GraphNode> topologicalOrder;

    PipelineGraph(PipelineScope root, List<GraphNode> nodes, List<GraphNode> topologicalOrder) {
        this.root = root;
        this.nodes = List.copyOf(nodes);
        this.topologicalOrder = List.copyOf(topologicalOrder);
    }

    public PipelineScope root() {
        return root;
    }

    /** Every node, indexed by {@link GraphNode#id()}. */
    public List<GraphNode> nodes() {
        return nodes;
    }

    public GraphNode node(int id) {
        return nodes.get(id);
    }

    /** The nodes in topological order (ties broken by declaration order). */
    public List<GraphNode> topologicalOrder() {
        return topologicalOrder;
    }

    /** Every pipeline of the tree, root first, depth first. */
    public List<PipelineScope> scopes() {
        List<PipelineScope> all = new ArrayList<>();
        collect(root, all);
        return all;
    }

    /**
     * Resolves a stage name as dynamic routing does: the given pipeline's own stages, then its nested pipelines,
     * then the whole tree.
     *
     * @throws IllegalArgumentException naming the stage, when it is unknown or ambiguous
     */
    public GraphNode resolve(PipelineScope from, String name) {
        Integer local = from.names().get(name);
        if (local != null) {
            return nodeFor(name, from, local);
        }
        List<PipelineScope> nested = new ArrayList<>();
        for (PipelineScope child : from.children()) {
            collectDeclaring(child, name, nested);
        }
        if (nested.size() == 1) {
            return nodeFor(name, nested.get(0), nested.get(0).names().get(name));
        }
        if (nested.size() > 1) {
            throw ambiguous(name, nested, "nested pipelines of '" + from.path() + "'");
        }
        List<PipelineScope> global = new ArrayList<>();
        collectDeclaring(root, name, global);
        if (global.size() == 1) {
            return nodeFor(name, global.get(0), global.get(0).names().get(name));
        }
        if (global.size() > 1) {
            throw ambiguous(name, global, "the pipeline tree");
        }
        throw new IllegalArgumentException("Unknown stage '" + name + "' (looked up from pipeline '" + from.path()
                + "'); known stages: " + knownNames());
    }

    /** Every stage name of the tree, qualified, for messages. */
    public String knownNames() {
        return scopes().stream()
                .flatMap(s -> s.names().keySet().stream().map(n -> s.path() + "/" + n))
                .collect(Collectors.joining(", "));
    }

    private GraphNode nodeFor(String name, PipelineScope scope, int id) {
        if (id < 0) {
            throw new IllegalArgumentException("Pipeline '" + scope.path() + "/" + name
                    + "' has no stage that accepts input, so items cannot be routed to it");
        }
        return nodes.get(id);
    }

    private static IllegalArgumentException ambiguous(String name, List<PipelineScope> matches, String where) {
        String paths = matches.stream().map(s -> s.path() + "/" + name).collect(Collectors.joining(", "));
        return new IllegalArgumentException("Stage name '" + name + "' is ambiguous: " + matches.size()
                + " matches in " + where + " (" + paths + "); rename one of them");
    }

    private static void collectDeclaring(PipelineScope scope, String name, List<PipelineScope> out) {
        if (scope.names().containsKey(name)) {
            out.add(scope);
        }
        for (PipelineScope child : scope.children()) {
            collectDeclaring(child, name, out);
        }
    }

    private static void collect(PipelineScope scope, List<PipelineScope> out) {
        out.add(scope);
        for (PipelineScope child : scope.children()) {
            collect(child, out);
        }
    }
}
