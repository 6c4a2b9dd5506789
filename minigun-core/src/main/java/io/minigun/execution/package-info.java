/**
 * Running pipelines and inspecting how they run. A {@link io.minigun.execution.PipelineExecutor} holds the default
 * settings, runs pipelines (also by registered name), tracks the active runs and owns the worker JVMs of PROCESS
 * stages; {@link io.minigun.execution.RunListener}s hear about every run it starts and finishes. An
 * {@link io.minigun.execution.ExecutionPlan} tells, for every stage, the context, worker count, queue capacity and
 * colocation the planner decided ({@link io.minigun.execution.PlannedStage}), as text or as a Mermaid chart.
 */
@NullMarked
package io.minigun.execution;

import org.jspecify.annotations.NullMarked;
