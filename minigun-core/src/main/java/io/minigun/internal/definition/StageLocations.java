package io.minigun.internal.definition;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Which pipelines of a tree declare each stage name. Static edges ({@code to}, {@code from}) connect stages of one
 * pipeline, and a nested pipeline counts there as one stage; when an edge names a stage of another pipeline, this
 * says which pipeline holds it and which edge to declare instead.
 *
 * <p>A pipeline is identified by its path: the names from the root down to it.
 */
final class StageLocations {
    private final Map<String, List<Location>> locations = new HashMap<>();

    /** A declared stage and the path of the pipeline that declares it. */
    private record Location(List<String> path, StageDefinition stage) {
    }

    StageLocations(PipelineDefinition root) {
        collect(root, List.of(root.name()));
    }

    private void collect(PipelineDefinition pipeline, List<String> path) {
        for (StageDefinition stage : pipeline.stages()) {
            if (stage.name() == null) {
                continue;
            }
            locations.computeIfAbsent(stage.name(), k -> new ArrayList<>()).add(new Location(path, stage));
            if (stage.kind() == StageKind.PIPELINE) {
                List<String> child = new ArrayList<>(path);
                child.add(stage.name());
                collect(stage.nested(), List.copyOf(child));
            }
        }
    }

    /**
     * What is wrong, and how to fix it, when {@code stage} of the pipeline at {@code here} declares
     * {@code option("name")} (option {@code to} or {@code from}) and {@code name} is not a stage of that pipeline.
     *
     * @return the explanation, to follow "but", or {@code null} when no pipeline of the tree declares {@code name}
     */
    String crossPipelineEdge(List<String> here, StageDefinition stage, String option, String name) {
        List<Location> elsewhere = locations.getOrDefault(name, List.of()).stream()
                .filter(location -> !location.path().equals(here)).toList();
        if (elsewhere.isEmpty()) {
            return null;
        }
        String where = elsewhere.size() == 1 ? describe(elsewhere.get(0).path()) : "pipelines " + elsewhere.stream()
                .map(location -> "'" + String.join("/", location.path()) + "'").collect(Collectors.joining(" and "));
        StringBuilder message = new StringBuilder("'" + name + "' is a stage of " + where + ", and static edges "
                + "connect stages of one pipeline (a nested pipeline counts as one stage). Fix: ");
        for (int i = 0; i < elsewhere.size(); i++) {
            if (elsewhere.size() > 1) {
                // One fix per pipeline that declares the name: the user picks the one they meant.
                message.append(i == 0 ? "for" : "; or, for").append(" the one in '")
                        .append(String.join("/", elsewhere.get(i).path())).append("', ");
            }
            message.append(staticFix(here, elsewhere.get(i).path(), stage, option, name));
        }
        // The dynamic equivalent: the sending stage calls out.to(receiver). Suggested only where it would work: the
        // receiver's name is unique in the tree (dynamic routing fails an item on an ambiguous name) and the
        // sender can emit.
        boolean outgoing = option.equals("to");
        StageDefinition sender = outgoing ? stage : elsewhere.get(0).stage();
        String receiver = outgoing ? name : stage.name();
        if (elsewhere.size() == 1 && locations.get(receiver).size() == 1 && sender.emits()) {
            message.append("; or, to send items from '").append(sender.name()).append("' straight to '")
                    .append(receiver).append("', route them dynamically: in '").append(sender.name())
                    .append("', call out.to(\"").append(receiver).append("\").emit(item)");
        }
        return message.toString();
    }

    /** The static edge that does what {@code option("name")} meant, declared where it can be. */
    private static String staticFix(List<String> here, List<String> holder, StageDefinition stage, String option,
                                    String name) {
        int common = commonPrefix(here, holder);
        if (common == here.size()) {
            // The stage lives below this pipeline: connect to the nested pipeline of this level that holds it.
            String pipeline = holder.get(here.size());
            return "replace " + option + "(\"" + name + "\") with " + option + "(\"" + pipeline + "\"), which "
                    + (option.equals("to") ? "sends items into pipeline '" + pipeline + "' (they enter at its "
                    + "entry stages)" : "takes the items pipeline '" + pipeline + "' emits from its terminal stages");
        }
        // The stage lives above or beside this pipeline: the edge belongs to the pipeline that holds both, between
        // the nested pipeline that holds this stage and the stage (or the nested pipeline that holds it) named.
        String ancestor = String.join("/", here.subList(0, common));
        String ownPipeline = here.get(common);
        String other = holder.size() == common ? name : holder.get(common);
        return "remove " + option + "(\"" + name + "\") from " + stage + " and, in pipeline '" + ancestor
                + "', connect pipeline '" + ownPipeline + "' as a whole: pipeline(\"" + ownPipeline + "\", ..., s -> s."
                + option + "(\"" + other + "\"))";
    }

    private static int commonPrefix(List<String> a, List<String> b) {
        int n = 0;
        while (n < a.size() && n < b.size() && a.get(n).equals(b.get(n))) {
            n++;
        }
        return n;
    }

    private static String describe(List<String> path) {
        return (path.size() == 1 ? "pipeline '" : "nested pipeline '") + String.join("/", path) + "'";
    }
}
