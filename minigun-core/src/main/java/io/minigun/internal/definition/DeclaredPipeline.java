package io.minigun.internal.definition;

import io.minigun.ConcurrencySettings;
import io.minigun.ErrorPolicy;
import io.minigun.NamedContext;
import io.minigun.RunHook;
import io.minigun.process.ProcessOptions;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A pipeline's declaration collected piece by piece, by every front end: the public builder and the annotation
 * reader. {@link #definition()} takes the immutable snapshot that wiring, validation and planning read.
 */
public final class DeclaredPipeline {
    private final String name;
    private final List<StageDefinition> stages = new ArrayList<>();
    private final Map<String, NamedContext> contexts = new LinkedHashMap<>();
    private final List<Reroute> reroutes = new ArrayList<>();
    private final List<RunHook> beforeRun = new ArrayList<>();
    private final List<RunHook> afterRun = new ArrayList<>();
    private final List<RunHook> beforeFork = new ArrayList<>();
    private final List<RunHook> afterFork = new ArrayList<>();
    private final Map<String, List<RunHook>> beforeStage = new LinkedHashMap<>();
    private final Map<String, List<RunHook>> afterStage = new LinkedHashMap<>();
    private final Map<String, List<RunHook>> beforeStageFork = new LinkedHashMap<>();
    private final Map<String, List<RunHook>> afterStageFork = new LinkedHashMap<>();
    private ConcurrencySettings concurrency = ConcurrencySettings.unset();
    private @Nullable Integer queueSize;
    private @Nullable ErrorPolicy errorPolicy;
    private @Nullable ProcessOptions process;

    /** An empty declaration of the pipeline {@code name}. */
    public DeclaredPipeline(String name) {
        this.name = name;
    }

    /** A declaration holding {@code definition}, to add to or change before taking a new definition. */
    public DeclaredPipeline(PipelineDefinition definition) {
        this(definition.name());
        stages.addAll(definition.stages());
        contexts.putAll(definition.contexts());
        reroutes.addAll(definition.reroutes());
        Hooks hooks = definition.hooks();
        beforeRun.addAll(hooks.beforeRun());
        afterRun.addAll(hooks.afterRun());
        beforeFork.addAll(hooks.beforeFork());
        afterFork.addAll(hooks.afterFork());
        copyInto(beforeStage, hooks.beforeStage());
        copyInto(afterStage, hooks.afterStage());
        copyInto(beforeStageFork, hooks.beforeStageFork());
        copyInto(afterStageFork, hooks.afterStageFork());
        concurrency = definition.concurrency();
        queueSize = definition.queueSize();
        errorPolicy = definition.errorPolicy();
        process = definition.process();
    }

    public String name() {
        return name;
    }

    /** Concurrency defaults: what {@code settings} sets overrides what was declared before. */
    public void concurrency(ConcurrencySettings settings) {
        concurrency = settings.inheritFrom(concurrency);
    }

    public void queueSize(int size) {
        queueSize = size;
    }

    public void errorPolicy(ErrorPolicy policy) {
        errorPolicy = Objects.requireNonNull(policy, "error policy");
    }

    public void context(NamedContext context) {
        contexts.put(context.name(), context);
    }

    public void process(ProcessOptions options) {
        process = Objects.requireNonNull(options, "process options");
    }

    public void stage(StageDefinition stage) {
        stages.add(Objects.requireNonNull(stage, "stage definition"));
    }

    public void reroute(Reroute reroute) {
        reroutes.add(reroute);
    }

    public void beforeRun(RunHook hook) {
        beforeRun.add(Objects.requireNonNull(hook, "hook"));
    }

    public void afterRun(RunHook hook) {
        afterRun.add(Objects.requireNonNull(hook, "hook"));
    }

    public void beforeFork(RunHook hook) {
        beforeFork.add(Objects.requireNonNull(hook, "hook"));
    }

    public void afterFork(RunHook hook) {
        afterFork.add(Objects.requireNonNull(hook, "hook"));
    }

    public void before(String stage, RunHook hook) {
        addStageHook(beforeStage, stage, hook);
    }

    public void after(String stage, RunHook hook) {
        addStageHook(afterStage, stage, hook);
    }

    /** A hook run in the parent before the workers of {@code stage} start. */
    public void beforeFork(String stage, RunHook hook) {
        addStageHook(beforeStageFork, stage, hook);
    }

    /** A hook run in each worker of {@code stage} once it has started. */
    public void afterFork(String stage, RunHook hook) {
        addStageHook(afterStageFork, stage, hook);
    }

    /**
     * Replaces the stage at {@code path} ({@code "nested/stage"} for a stage of a nested pipeline) with what
     * {@code change} makes of it. Returns false when there is no such stage.
     */
    public boolean replaceStage(String path, UnaryOperator<StageDefinition> change) {
        return StagePaths.replace(stages, path, change);
    }

    /** Replaces every top-level stage with what {@code change} makes of it. */
    public void replaceStages(UnaryOperator<StageDefinition> change) {
        stages.replaceAll(change);
    }

    /** The paths of every stage, nested ones included, for error messages. */
    public List<String> stagePaths() {
        return StagePaths.paths(stages);
    }

    /** The declaration collected so far. */
    public PipelineDefinition definition() {
        return new PipelineDefinition(name, stages, concurrency, queueSize, errorPolicy, contexts,
                new Hooks(beforeRun, afterRun, beforeFork, afterFork, beforeStage, afterStage, beforeStageFork,
                        afterStageFork),
                reroutes, process);
    }

    private static void copyInto(Map<String, List<RunHook>> into, Map<String, List<RunHook>> from) {
        from.forEach((stage, hooks) -> into.put(stage, new ArrayList<>(hooks)));
    }

    private static void addStageHook(Map<String, List<RunHook>> hooks, String stage, RunHook hook) {
        Objects.requireNonNull(stage, "stage name");
        Objects.requireNonNull(hook, "hook");
        hooks.computeIfAbsent(stage, s -> new ArrayList<>()).add(hook);
    }
}
