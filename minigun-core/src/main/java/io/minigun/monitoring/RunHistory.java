package io.minigun.monitoring;

import io.minigun.RunResult;
import io.minigun.execution.ExecutionPlan;
import io.minigun.execution.PipelineExecutor;
import io.minigun.execution.RunListener;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Remembers the result of the last finished run of every pipeline (one result per pipeline, nothing more). */
public final class RunHistory implements RunListener {
    private final Map<String, RunResult> last = new ConcurrentHashMap<>();

    /** A history listening to the executor's runs. */
    public static RunHistory forExecutor(PipelineExecutor executor) {
        RunHistory history = new RunHistory();
        executor.addListener(history);
        return history;
    }

    @Override
    public void runFinished(RunResult result, ExecutionPlan plan) {
        last.put(plan.pipelineName(), result);
    }

    /** The result of the pipeline's last finished run, if it has finished one. */
    public Optional<RunResult> lastResult(String pipeline) {
        return Optional.ofNullable(last.get(pipeline));
    }
}
