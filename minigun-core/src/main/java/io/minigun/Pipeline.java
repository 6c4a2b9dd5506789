package io.minigun;

import io.minigun.definition.PipelineDefinition;
import io.minigun.execution.ExecutionPlan;
import io.minigun.execution.PipelineExecutor;

import java.util.Map;

/**
 * A built, validated pipeline with its execution plan. Immutable and reusable: it can be run many times, also
 * concurrently; every run is independent.
 */
public final class Pipeline {
    private final PipelineDefinition definition;
    private final ExecutionPlan plan;
    private final PipelineExecutor executor;

    public Pipeline(PipelineDefinition definition, ExecutionPlan plan, PipelineExecutor executor) {
        this.definition = definition;
        this.plan = plan;
        this.executor = executor;
    }

    public String name() {
        return definition.name();
    }

    public PipelineDefinition definition() {
        return definition;
    }

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
    public RunResult run(Map<String, Object> parameters) {
        return executor.run(this, parameters);
    }

    /** Starts a run in the background. */
    public PipelineRun start() {
        return start(Map.of());
    }

    public PipelineRun start(Map<String, Object> parameters) {
        return executor.start(this, parameters);
    }

    @Override
    public String toString() {
        return "Pipeline '" + name() + "'";
    }
}
