package io.minigun;

import io.minigun.internal.definition.PipelineDefinition;
import io.minigun.execution.ExecutionPlan;
import io.minigun.execution.PipelineExecutor;
import io.minigun.internal.definition.StageDefinition;
import io.minigun.internal.definition.StagePaths;
import io.minigun.process.WorkerStage;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A built, validated pipeline with its execution plan. Immutable and reusable: it can be run many times, also
 * concurrently; every run is independent.
 */
public final class Pipeline {
    private final PipelineDefinition definition;
    private final ExecutionPlan plan;
    private final PipelineExecutor executor;

    Pipeline(PipelineDefinition definition, ExecutionPlan plan, PipelineExecutor executor) {
        this.definition = definition;
        this.plan = plan;
        this.executor = executor;
    }

    /** The name given to {@link Minigun#pipeline(String)}. */
    public String name() {
        return definition.name();
    }

    /**
     * A builder holding this pipeline's declaration, to change it and build another pipeline (this one is not
     * changed): {@code pipeline.toBuilder().configure("parse", s -> s.threads(8)).build()}. The new pipeline runs on
     * the same executor unless the builder is given another.
     */
    public PipelineBuilder toBuilder() {
        return new PipelineBuilder(definition, executor);
    }

    /**
     * What a worker JVM needs to run the named stage: its body and the {@code afterFork} hooks that apply to it.
     * For {@link io.minigun.process.StageRecipe}s that look the stage up in an application the worker starts.
     *
     * @param stage the stage name (searched in nested pipelines too)
     * @throws IllegalArgumentException when no stage has that name
     */
    public WorkerStage workerStage(String stage) {
        StageDefinition found = StagePaths.find(definition.stages(), stage).orElseThrow(() ->
                new IllegalArgumentException("Pipeline '" + name() + "' has no stage '" + stage + "'"));
        List<RunHook> hooks = new ArrayList<>(definition.hooks().afterFork());
        hooks.addAll(definition.hooks().afterStageFork().getOrDefault(stage, List.of()));
        return new WorkerStage(found.body(), hooks);
    }

    /** How each stage runs: its context type, workers, queue and colocation, decided at {@code build()}. */
    public ExecutionPlan plan() {
        return plan;
    }

    /**
     * Runs the pipeline and waits for it to end.
     *
     * @throws PipelineExecutionException when the run {@link RunStatus#FAILED}
     */
    public RunResult run() {
        return run(Map.of());
    }

    /** Runs the pipeline with parameters (visible to stages through {@link RunContext#parameters()}). */
    public RunResult run(Map<String, @Nullable Object> parameters) {
        return executor.run(this, parameters);
    }

    /** Starts a run in the background. */
    public PipelineRun start() {
        return start(Map.of());
    }

    /** Starts a run with parameters in the background (visible to stages through {@link RunContext#parameters()}). */
    public PipelineRun start(Map<String, @Nullable Object> parameters) {
        return executor.start(this, parameters);
    }

    @Override
    public String toString() {
        return "Pipeline '" + name() + "'";
    }
}
