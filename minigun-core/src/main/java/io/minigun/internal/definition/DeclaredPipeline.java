package io.minigun.internal.definition;

import io.minigun.ConcurrencySettings;
import io.minigun.RunHook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects a pipeline's declaration piece by piece, for front ends that are not the public builder (the annotation
 * reader), so that they do not depend on the API facade.
 */
public final class DeclaredPipeline {
    private final String name;
    private final List<StageDefinition> stages = new ArrayList<>();
    private final List<RunHook> beforeRun = new ArrayList<>();
    private final List<RunHook> afterRun = new ArrayList<>();
    private final List<RunHook> beforeFork = new ArrayList<>();
    private final List<RunHook> afterFork = new ArrayList<>();
    private final Map<String, List<RunHook>> beforeStage = new LinkedHashMap<>();
    private final Map<String, List<RunHook>> afterStage = new LinkedHashMap<>();
    private ConcurrencySettings concurrency = ConcurrencySettings.unset();
    private Integer queueSize;

    public DeclaredPipeline(String name) {
        this.name = name;
    }

    public void concurrency(ConcurrencySettings settings) {
        concurrency = settings.inheritFrom(concurrency);
    }

    public void queueSize(int size) {
        queueSize = size;
    }

    public void stage(StageDefinition stage) {
        stages.add(stage);
    }

    public void beforeRun(RunHook hook) {
        beforeRun.add(hook);
    }

    public void afterRun(RunHook hook) {
        afterRun.add(hook);
    }

    public void beforeFork(RunHook hook) {
        beforeFork.add(hook);
    }

    public void afterFork(RunHook hook) {
        afterFork.add(hook);
    }

    public void before(String stage, RunHook hook) {
        beforeStage.computeIfAbsent(stage, s -> new ArrayList<>()).add(hook);
    }

    public void after(String stage, RunHook hook) {
        afterStage.computeIfAbsent(stage, s -> new ArrayList<>()).add(hook);
    }

    /** The declaration collected so far. */
    public PipelineDefinition definition() {
        return new PipelineDefinition(name, stages, concurrency, queueSize, null, Map.of(),
                new Hooks(beforeRun, afterRun, beforeFork, afterFork, beforeStage, afterStage, Map.of(), Map.of()),
                List.of(), null);
    }
}
