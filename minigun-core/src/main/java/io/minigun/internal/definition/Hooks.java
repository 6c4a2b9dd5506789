package io.minigun.internal.definition;

import io.minigun.RunHook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The lifecycle hooks of one pipeline, each list in registration order; stage hooks are keyed by stage name. */
public record Hooks(
        List<RunHook> beforeRun,
        List<RunHook> afterRun,
        List<RunHook> beforeFork,
        List<RunHook> afterFork,
        Map<String, List<RunHook>> beforeStage,
        Map<String, List<RunHook>> afterStage,
        Map<String, List<RunHook>> beforeStageFork,
        Map<String, List<RunHook>> afterStageFork) {

    public Hooks {
        beforeRun = List.copyOf(beforeRun);
        afterRun = List.copyOf(afterRun);
        beforeFork = List.copyOf(beforeFork);
        afterFork = List.copyOf(afterFork);
        beforeStage = copy(beforeStage);
        afterStage = copy(afterStage);
        beforeStageFork = copy(beforeStageFork);
        afterStageFork = copy(afterStageFork);
    }

    /** Every stage name a hook refers to, for validation. */
    public List<String> stageNames() {
        List<String> names = new ArrayList<>(beforeStage.keySet());
        names.addAll(afterStage.keySet());
        names.addAll(beforeStageFork.keySet());
        names.addAll(afterStageFork.keySet());
        return names;
    }

    private static Map<String, List<RunHook>> copy(Map<String, List<RunHook>> hooks) {
        Map<String, List<RunHook>> copy = new LinkedHashMap<>();
        hooks.forEach((stage, list) -> copy.put(stage, List.copyOf(list)));
        return java.util.Collections.unmodifiableMap(copy);
    }
}
