package io.minigun.internal.definition;

import io.minigun.PipelineSettings;

import io.minigun.PipelineDefinitionException;
import io.minigun.Routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Turns a pipeline definition into a validated, flattened {@link PipelineGraph}.
 *
 * <p>Each pipeline is wired on its own ({@link LevelWiring}); then nested pipelines are flattened: an edge into a
 * nested pipeline goes to its entrance, which distributes to its entry stages (stages that take input and have no
 * upstream inside it; when its own producers feed them all, the first stage that takes input, so items sent in are
 * never dropped); an edge out of a nested pipeline leaves from each of its terminal stages.
 */
public final class GraphBuilder {
    private final PipelineDefinition root;
    private final PipelineSettings base;
    private final int javaRelease;
    private final StageLocations locations;
    private final List<MutableNode> nodes = new ArrayList<>();

    private GraphBuilder(PipelineDefinition root, PipelineSettings base, int javaRelease) {
        this.root = root;
        this.base = base;
        this.javaRelease = javaRelease;
        this.locations = new StageLocations(root);
    }

    /**
     * Wires, validates and flattens {@code definition}.
     *
     * @throws PipelineDefinitionException naming the pipeline, the stage(s) and the fix
     */
    public static PipelineGraph build(PipelineDefinition definition, PipelineSettings base) {
        return build(definition, base, Runtime.version().feature());
    }

    static PipelineGraph build(PipelineDefinition definition, PipelineSettings base, int javaRelease) {
        if (definition.name() == null || definition.name().isBlank()) {
            throw new PipelineDefinitionException("A pipeline needs a name: Minigun.pipeline(\"orders\")");
        }
        if (definition.name().contains("/")) {
            throw new PipelineDefinitionException("Pipeline '" + definition.name() + "': '/' separates a pipeline "
                    + "from its stages in stage paths (stats().stage(\"pipeline/stage\")); rename it, for example to '"
                    + definition.name().replace('/', '-') + "'");
        }
        return new GraphBuilder(definition, base, javaRelease).build();
    }

    private PipelineGraph build() {
        PipelineSettings rootSettings = root.settingsUnder(base);
        PipelineScope scope = new PipelineScope(root.name(), null, rootSettings, root.hooks());
        flatten(root, List.of(root.name()), scope, true, Routing.BROADCAST);
        new DefinitionValidator(root, rootSettings, javaRelease).requireProducer();
        List<GraphNode> graphNodes = nodes.stream().map(MutableNode::freeze).toList();
        checkTypes(graphNodes);
        PipelineGraph graph = new PipelineGraph(scope, graphNodes, topologicalOrder(graphNodes));
        checkHookTargets(graph);
        return graph;
    }

    /** Hook names resolve as dynamic routing does; an ambiguous one is a definition error, not a run-time one. */
    private static void checkHookTargets(PipelineGraph graph) {
        for (PipelineScope scope : graph.scopes()) {
            for (String name : scope.hooks().stageNames()) {
                try {
                    graph.resolve(scope, name);
                } catch (IllegalArgumentException e) {
                    throw new PipelineDefinitionException("Pipeline '" + scope.path() + "' has a hook for stage '"
                            + name + "': " + e.getMessage());
                }
            }
        }
    }

    /** A nested pipeline, seen from its parent: where items enter it and which nodes they leave from. */
    private record Fragment(int entrance, List<Integer> terminals) {
    }

    /** {@code path}: the stage names from the root down to {@code pipeline}, as users write them in edges. */
    private Fragment flatten(PipelineDefinition pipeline, List<String> path, PipelineScope scope, boolean isRoot,
                             Routing entranceRouting) {
        new DefinitionValidator(pipeline, scope.settings(), javaRelease).validate();
        LevelWiring level = new LevelWiring(pipeline, path, locations).wire();
        List<StageDefinition> stages = level.stages();

        int[] nodeOf = new int[stages.size()];
        Fragment[] nested = new Fragment[stages.size()];
        for (int i = 0; i < stages.size(); i++) {
            StageDefinition stage = stages.get(i);
            if (stage.kind() == StageKind.PIPELINE) {
                PipelineDefinition child = stage.nested();
                PipelineScope childScope =
                        new PipelineScope(child.name(), scope, child.settingsUnder(scope.settings()), child.hooks());
                List<String> childPath = new ArrayList<>(path);
                childPath.add(stage.name());
                nested[i] = flatten(child, List.copyOf(childPath), childScope, false,
                        stage.config().routingOrDefault());
                nodeOf[i] = -1;
                scope.bind(stage.name(), nested[i].entrance());
            } else {
                nodeOf[i] = newNode(stage.name(), scope, stage.kind(), stage, stage.config().routingOrDefault());
                scope.bind(stage.name(), nodeOf[i]);
            }
        }

        for (int s = 0; s < stages.size(); s++) {
            for (int t : level.downstream(s)) {
                List<Integer> exits = nested[s] != null ? nested[s].terminals() : List.of(nodeOf[s]);
                int entry = nested[t] != null ? nested[t].entrance() : nodeOf[t];
                if (entry < 0) {
                    throw new PipelineDefinitionException("Pipeline '" + pipeline.name() + "', " + stages.get(s)
                            + " sends items to nested pipeline '" + stages.get(t).name() + "', which has no stage "
                            + "that accepts input; add a processor or consumer to it, or remove the edge");
                }
                boolean boundary = nested[s] != null || nested[t] != null;
                for (int exit : exits) {
                    if (nested[s] != null) {
                        nodes.get(exit).routing = stages.get(s).config().routingOrDefault();
                    }
                    connect(exit, entry, boundary);
                }
            }
        }

        List<Integer> terminals = new ArrayList<>();
        List<Integer> entries = new ArrayList<>();
        for (int i = 0; i < stages.size(); i++) {
            StageDefinition stage = stages.get(i);
            if (level.downstream(i).isEmpty() && (stage.emits() || nested[i] != null)) {
                terminals.addAll(nested[i] != null ? nested[i].terminals() : List.of(nodeOf[i]));
            }
            if (stage.kind() != StageKind.PRODUCER && !stage.config().isAwait() && level.upstream(i).isEmpty()) {
                entries.add(i);
            }
        }
        if (isRoot) {
            return new Fragment(-1, terminals);
        }
        if (entries.isEmpty()) {
            for (int i = 0; i < stages.size(); i++) {
                if (stages.get(i).kind() != StageKind.PRODUCER && !stages.get(i).config().isAwait()) {
                    entries.add(i);
                    break;
                }
            }
        }
        if (entries.isEmpty()) {
            return new Fragment(-1, terminals);
        }
        int entrance = newNode(pipeline.name(), scope, StageKind.ROUTER, null, entranceRouting);
        for (int i : entries) {
            int entry = nested[i] != null ? nested[i].entrance() : nodeOf[i];
            if (entry >= 0) {
                connect(entrance, entry, true);
            }
        }
        return new Fragment(entrance, terminals);
    }

    private int newNode(String name, PipelineScope scope, StageKind kind, StageDefinition definition, Routing routing) {
        MutableNode node = new MutableNode(nodes.size(), name, scope, kind, definition, routing);
        nodes.add(node);
        if (definition != null && definition.kind() == StageKind.PIPELINE) {
            throw new IllegalStateException("nested pipelines are not nodes");
        }
        return node.id;
    }

    private void connect(int from, int to, boolean boundary) {
        MutableNode source = nodes.get(from);
        MutableNode target = nodes.get(to);
        if (!source.downstream.contains(to)) {
            source.downstream.add(to);
            target.upstream.add(from);
        }
        target.boundaryInput |= boundary;
    }

    private static void checkTypes(List<GraphNode> nodes) {
        for (GraphNode source : nodes) {
            Class<?> emitted = emittedType(source);
            if (emitted == null) {
                continue;
            }
            for (GraphNode target : acceptingStages(nodes, source)) {
                Class<?> accepted = target.definition().inputType();
                if (accepted != null && !Types.box(accepted).isAssignableFrom(Types.box(emitted))) {
                    throw new PipelineDefinitionException("Pipeline '" + source.scope().path() + "': "
                            + source.definition() + " emits " + emitted.getName() + " but " + target.definition()
                            + " (in '" + target.scope().path() + "') accepts " + accepted.getName()
                            + "; change one of the two types, or put a converting processor between them");
                }
            }
        }
    }

    private static Class<?> emittedType(GraphNode node) {
        if (node.definition() == null) {
            return null;
        }
        if (node.kind() == StageKind.ACCUMULATOR && node.definition().body() == null) {
            return List.class;
        }
        return node.definition().outputType();
    }

    private static List<GraphNode> acceptingStages(List<GraphNode> nodes, GraphNode source) {
        List<GraphNode> result = new ArrayList<>();
        for (int id : source.downstream()) {
            GraphNode target = nodes.get(id);
            if (target.isRouter()) {
                result.addAll(acceptingStages(nodes, target));
            } else {
                result.add(target);
            }
        }
        return result;
    }

    private static List<GraphNode> topologicalOrder(List<GraphNode> nodes) {
        int[] pending = new int[nodes.size()];
        PriorityQueue<GraphNode> ready = new PriorityQueue<>(Comparator.comparingInt(GraphNode::id));
        for (GraphNode node : nodes) {
            pending[node.id()] = node.upstream().size();
            if (pending[node.id()] == 0) {
                ready.add(node);
            }
        }
        List<GraphNode> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            GraphNode node = ready.poll();
            order.add(node);
            for (int next : node.downstream()) {
                if (--pending[next] == 0) {
                    ready.add(nodes.get(next));
                }
            }
        }
        if (order.size() != nodes.size()) {
            throw new IllegalStateException("flattened graph has a cycle; per-pipeline checks should have caught it");
        }
        return order;
    }

    private static final class MutableNode {
        final int id;
        final String name;
        final PipelineScope scope;
        final StageKind kind;
        final StageDefinition definition;
        Routing routing;
        final List<Integer> upstream = new ArrayList<>();
        final List<Integer> downstream = new ArrayList<>();
        boolean boundaryInput;

        MutableNode(int id, String name, PipelineScope scope, StageKind kind, StageDefinition definition,
                    Routing routing) {
            this.id = id;
            this.name = name;
            this.scope = scope;
            this.kind = kind;
            this.definition = definition;
            this.routing = routing;
        }

        GraphNode freeze() {
            return new GraphNode(id, name, scope, kind, definition, routing, upstream, downstream, boundaryInput);
        }
    }
}
