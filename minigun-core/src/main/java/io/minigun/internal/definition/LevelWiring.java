package io.minigun.internal.definition;

import io.minigun.PipelineDefinitionException;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Wires the stages of one pipeline (not its nested pipelines): reroutes, explicit {@code to}/{@code from} edges,
 * then the sequential gap-filling rules of the original Minigun, then a cycle check.
 */
final class LevelWiring {
    private final PipelineDefinition pipeline;
    private final List<StageDefinition> stages;
    private final Map<String, Integer> index = new HashMap<>();
    private final List<Set<Integer>> out = new ArrayList<>();
    private final List<Set<Integer>> in = new ArrayList<>();
    private final List<String> path;
    private final StageLocations locations;

    /**
     * @param path      the names from the root down to {@code pipeline}
     * @param locations where every stage name of the tree is declared, to explain edges that cross pipelines
     */
    LevelWiring(PipelineDefinition pipeline, List<String> path, StageLocations locations) {
        this.pipeline = pipeline;
        this.path = path;
        this.locations = locations;
        this.stages = applyReroutes(pipeline);
        for (int i = 0; i < stages.size(); i++) {
            index.put(stages.get(i).name(), i);
            out.add(new LinkedHashSet<>());
            in.add(new LinkedHashSet<>());
        }
    }

    List<StageDefinition> stages() {
        return stages;
    }

    Set<Integer> downstream(int stage) {
        return out.get(stage);
    }

    Set<Integer> upstream(int stage) {
        return in.get(stage);
    }

    LevelWiring wire() {
        for (int i = 0; i < stages.size(); i++) {
            StageDefinition stage = stages.get(i);
            for (String target : stage.config().to()) {
                addExplicitEdge(i, resolve(stage, target, "to"));
            }
            for (String source : stage.config().from()) {
                addExplicitEdge(resolve(stage, source, "from"), i);
            }
        }
        checkAcyclic();
        wireProducers();
        fillGaps();
        checkAcyclic();
        return this;
    }

    private List<StageDefinition> applyReroutes(PipelineDefinition definition) {
        List<StageDefinition> result = new ArrayList<>(definition.stages());
        for (Reroute reroute : definition.reroutes()) {
            for (String target : reroute.to()) {
                if (result.stream().noneMatch(s -> s.name().equals(target))) {
                    throw new PipelineDefinitionException("Pipeline '" + definition.name() + "' reroutes '"
                            + reroute.from() + "' to unknown stage '" + target + "'; known stages: "
                            + DefinitionValidator.names(definition));
                }
            }
            for (int i = 0; i < result.size(); i++) {
                StageDefinition stage = result.get(i);
                if (stage.name().equals(reroute.from())) {
                    result.set(i, stage.withConfig(stage.config().withTo(reroute.to())));
                } else if (stage.config().from().contains(reroute.from())) {
                    List<String> from = new ArrayList<>(stage.config().from());
                    from.removeIf(reroute.from()::equals);
                    result.set(i, stage.withConfig(stage.config().withFrom(from)));
                }
            }
        }
        return result;
    }

    private int resolve(StageDefinition stage, String name, String option) {
        Integer target = index.get(name);
        if (target != null) {
            return target;
        }
        String where = "Pipeline '" + pipeline.name() + "', " + stage + " has " + option + "(\"" + name + "\")";
        String crossing = locations.crossPipelineEdge(path, stage, option, name);
        if (crossing != null) {
            throw new PipelineDefinitionException(where + ", but " + crossing);
        }
        throw new PipelineDefinitionException(where + ", but there is no stage '" + name + "'; known stages: "
                + index.keySet() + suggestion(name));
    }

    private String suggestion(String name) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : index.keySet()) {
            int d = editDistance(name, candidate);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best != null && bestDistance <= 2 ? " (did you mean '" + best + "'?)" : "";
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** An edge the user declared: it must be able to carry items. */
    private void addExplicitEdge(int from, int to) {
        StageDefinition source = stages.get(from);
        StageDefinition target = stages.get(to);
        String edge = "Pipeline '" + pipeline.name() + "' has an edge '" + source.name() + "' -> '" + target.name() + "'";
        if (!acceptsInput(target)) {
            throw new PipelineDefinitionException(edge + ", but " + target + " takes no input; point the edge at a "
                    + "stage that takes items");
        }
        if (!source.emits()) {
            throw new PipelineDefinitionException(edge + ", but " + source + " cannot emit (it takes only the "
                    + "item); declare it as (item, out) -> ... or make it a processor");
        }
        addEdge(from, to);
    }

    /** Whether items sent to the stage can be taken: not a producer, not a nested pipeline with no entry stage. */
    private static boolean acceptsInput(StageDefinition stage) {
        if (stage.kind() == StageKind.PRODUCER) {
            return false;
        }
        if (stage.kind() == StageKind.PIPELINE) {
            return stage.nested().stages().stream()
                    .anyMatch(s -> s.kind() != StageKind.PRODUCER && !s.config().isAwait());
        }
        return true;
    }

    private void addEdge(int from, int to) {
        out.get(from).add(to);
        in.get(to).add(from);
    }

    /** A producer without edges feeds the first later stage that takes input and is not {@code await}. */
    private void wireProducers() {
        for (int i = 0; i < stages.size(); i++) {
            if (stages.get(i).kind() == StageKind.PRODUCER && out.get(i).isEmpty()) {
                int candidate = nextCandidate(i, Set.of());
                if (candidate >= 0) {
                    addEdge(i, candidate);
                }
            }
        }
    }

    /**
     * The original Minigun's sequential wiring, minus its defects (see the class comment of GraphBuilder). A nested
     * pipeline looks past {@linkplain #sourcePipelines() source pipelines} for its candidate, as a producer looks
     * past producers.
     */
    private void fillGaps() {
        Set<Integer> sources = sourcePipelines();
        for (int i = 0; i < stages.size() - 1; i++) {
            StageDefinition stage = stages.get(i);
            if (!out.get(i).isEmpty() || stage.kind() == StageKind.PRODUCER || stage.config().isAwait()
                    || !stage.emits()) {
                continue;
            }
            int candidate = nextCandidate(i, stage.kind() == StageKind.PIPELINE ? sources : Set.of());
            if (candidate < 0) {
                continue;
            }
            if (stage.kind() == StageKind.PIPELINE && stages.get(candidate).kind() == StageKind.PIPELINE) {
                continue;
            }
            Set<Integer> siblings = siblings(i);
            if (siblings.contains(candidate) && !out.get(candidate).contains(i)) {
                continue;
            }
            if (siblings.stream().anyMatch(s -> out.get(s).contains(candidate))) {
                continue;
            }
            if (reaches(candidate, i)) {
                continue;
            }
            addEdge(i, candidate);
        }
    }

    /**
     * Nested pipelines that produce items of their own and that nothing in this pipeline feeds (after explicit edges
     * and producer wiring). The gap filling of other nested pipelines passes over them, as a producer's wiring
     * passes over producers: so several such pipelines declared in a row all feed the next stage, instead of only the
     * last one while the others' items are discarded (pipelines are never chained to each other). A plain stage is
     * still chained into them, as into any pipeline that accepts input. The original Minigun counts a pipeline
     * without upstream as a producer ({@code find_all_producers}) but never used that in its wiring, so it lost those
     * items too.
     */
    private Set<Integer> sourcePipelines() {
        Set<Integer> sources = new LinkedHashSet<>();
        for (int i = 0; i < stages.size(); i++) {
            StageDefinition stage = stages.get(i);
            if (stage.kind() == StageKind.PIPELINE && in.get(i).isEmpty()
                    && DefinitionValidator.hasProducer(stage.nested())) {
                sources.add(i);
            }
        }
        return sources;
    }

    /** The first stage after {@code after} that takes input, is not {@code await} and is not in {@code passOver}. */
    private int nextCandidate(int after, Set<Integer> passOver) {
        for (int j = after + 1; j < stages.size(); j++) {
            StageDefinition next = stages.get(j);
            if (acceptsInput(next) && !next.config().isAwait() && !passOver.contains(j)) {
                return j;
            }
        }
        return -1;
    }

    private Set<Integer> siblings(int stage) {
        Set<Integer> siblings = new LinkedHashSet<>();
        for (int parent : in.get(stage)) {
            siblings.addAll(out.get(parent));
        }
        siblings.remove(stage);
        return siblings;
    }

    private boolean reaches(int from, int to) {
        Deque<Integer> pending = new ArrayDeque<>();
        Set<Integer> seen = new LinkedHashSet<>();
        pending.push(from);
        while (!pending.isEmpty()) {
            int current = pending.pop();
            if (current == to) {
                return true;
            }
            if (seen.add(current)) {
                out.get(current).forEach(pending::push);
            }
        }
        return false;
    }

    private void checkAcyclic() {
        int[] state = new int[stages.size()];
        Deque<Integer> path = new ArrayDeque<>();
        for (int i = 0; i < stages.size(); i++) {
            if (state[i] == 0) {
                visit(i, state, path);
            }
        }
    }

    private void visit(int node, int[] state, Deque<Integer> path) {
        state[node] = 1;
        path.addLast(node);
        for (int next : out.get(node)) {
            if (state[next] == 1) {
                List<String> cycle = new ArrayList<>();
                boolean inCycle = false;
                for (int n : path) {
                    inCycle |= n == next;
                    if (inCycle) {
                        cycle.add(stages.get(n).name());
                    }
                }
                cycle.add(stages.get(next).name());
                throw new PipelineDefinitionException("Pipeline '" + pipeline.name() + "' has a cycle: "
                        + String.join(" -> ", cycle) + "; pipelines must be acyclic: remove one of these edges "
                        + "(to/from/reroute), or send items back with dynamic routing out.to(\"" + cycle.get(0)
                        + "\")");
            }
            if (state[next] == 0) {
                visit(next, state, path);
            }
        }
        path.removeLast();
        state[node] = 2;
    }
}
