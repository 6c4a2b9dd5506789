package io.minigun.internal.definition;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Finds and changes declared stages by path: {@code stage}, or {@code nested/stage} inside nested pipelines. */
public final class StagePaths {
    private StagePaths() {
    }

    /**
     * Replaces the stage at {@code path} in {@code stages} (in place; nested pipelines are rebuilt) with what
     * {@code change} makes of it.
     *
     * @return whether a stage has that path
     */
    public static boolean replace(List<StageDefinition> stages, String path, UnaryOperator<StageDefinition> change) {
        int slash = path.indexOf('/');
        String head = slash < 0 ? path : path.substring(0, slash);
        for (int i = 0; i < stages.size(); i++) {
            StageDefinition stage = stages.get(i);
            if (!stage.name().equals(head)) {
                continue;
            }
            if (slash < 0) {
                stages.set(i, change.apply(stage));
                return true;
            }
            if (stage.kind() != StageKind.PIPELINE) {
                return false;
            }
            List<StageDefinition> nested = new ArrayList<>(stage.nested().stages());
            if (!replace(nested, path.substring(slash + 1), change)) {
                return false;
            }
            stages.set(i, stage.withBody(stage.nested().withStages(nested)));
            return true;
        }
        return false;
    }

    /** The paths of every stage, nested pipelines' stages included, in declaration order. */
    public static List<String> paths(List<StageDefinition> stages) {
        List<String> paths = new ArrayList<>();
        collect(stages, "", paths);
        return paths;
    }

    /** The first stage named {@code name} (not a nested pipeline), searching nested pipelines depth first. */
    public static Optional<StageDefinition> find(List<StageDefinition> stages, String name) {
        for (StageDefinition stage : stages) {
            if (stage.kind() == StageKind.PIPELINE) {
                Optional<StageDefinition> nested = find(stage.nested().stages(), name);
                if (nested.isPresent()) {
                    return nested;
                }
            } else if (stage.name().equals(name)) {
                return Optional.of(stage);
            }
        }
        return Optional.empty();
    }

    private static void collect(List<StageDefinition> stages, String prefix, List<String> into) {
        for (StageDefinition stage : stages) {
            if (stage.kind() == StageKind.PIPELINE) {
                into.add(prefix + stage.name());
                collect(stage.nested().stages(), prefix + stage.name() + "/", into);
            } else {
                into.add(prefix + stage.name());
            }
        }
    }
}
