package io.minigun.internal.runtime;

import io.minigun.RunStatus;
import io.minigun.internal.definition.GraphNode;
import io.minigun.internal.plan.Plan;
import io.minigun.internal.plan.Placement;
import io.minigun.internal.plan.StagePlan;
import io.minigun.internal.remote.RemoteStage;
import io.minigun.internal.worker.ProcessStage;
import io.minigun.internal.worker.ProcessStageHost;
import io.minigun.internal.worker.ProcessStageSpec;
import io.minigun.internal.worker.WorkerLane;
import io.minigun.internal.worker.WorkerPool;

import java.io.IOException;
import java.util.Map;

/** A PROCESS stage's view of the engine: its queue, lanes, run state and failure rules (see {@link ProcessStage}). */
final class ProcessStageAdapter implements ProcessStageHost {
    private final Run run;
    private final StageRuntime stage;

    private ProcessStageAdapter(Run run, StageRuntime stage) {
        this.run = run;
        this.stage = stage;
    }

    /** The dispatcher of a PROCESS stage, ready to run on its own thread. */
    static ProcessStage processStage(Run run, StageRuntime stage) {
        ProcessStageSpec spec = spec(stage.node, stage.plan, run.id(), run.context().pipelineName(),
                run.context().parameters());
        return new ProcessStage(spec, new ProcessStageAdapter(run, stage));
    }

    /**
     * The dispatcher of a REMOTE stage, ready to run on its own thread: the same host as a PROCESS stage's, with lane 0
     * for the outcomes and lane 1 for the dispatcher (so {@link #finish()} ends the stage on the dispatcher's lane).
     */
    static RemoteStage remoteStage(Run run, StageRuntime stage) {
        return new RemoteStage(stage.node.qualifiedName(), stage.plan.transport(), run.id(),
                run.context().parameters(), new ProcessStageAdapter(run, stage));
    }

    /**
     * Starts the workers of the plan's PROCESS stages that keep them warm, into {@code pool}, ahead of any run (see
     * {@link WorkerPool#startWorkers}); returns how many were started.
     */
    static int startWorkers(Plan plan, WorkerPool pool) throws IOException {
        int started = 0;
        for (GraphNode node : plan.graph().nodes()) {
            StagePlan stagePlan = plan.stages().get(node.id());
            if (stagePlan.placement() == Placement.PROCESS) {
                started += pool.startWorkers(spec(node, stagePlan, null, plan.pipelineName(), Map.of()));
            }
        }
        return started;
    }

    /** What the workers of a PROCESS stage need, for the run {@code runId} (null: ahead of any run). */
    private static ProcessStageSpec spec(GraphNode node, StagePlan plan, String runId, String rootPipeline,
                                         Map<String, Object> parameters) {
        Integer maxSize = node.config().maxSize();
        return new ProcessStageSpec(node.scope().path(), node.name(), node.kind(), plan.workers(), plan.recipe(),
                node.scope().settings().process(), plan.retries(), plan.backoff(),
                maxSize != null ? maxSize : AccumulatorStage.DEFAULT_MAX_SIZE, node.config().maxWait(), runId,
                rootPipeline, parameters);
    }

    @Override
    public boolean isStopping() {
        return run.stopping;
    }

    @Override
    public void onStop(Runnable action) {
        run.onStop(action);
    }

    @Override
    public void runBeforeForkHooks() {
        stage.runHooks(run.beforeForkHooks(stage));
    }

    @Override
    public int take(Object[] batch, int max, long timeoutNanos) throws InterruptedException {
        return stage.queue.drain(batch, max, timeoutNanos);
    }

    @Override
    public boolean isEndOfInput(Object element) {
        return element instanceof Control.EndOf end && end.stage() == stage;
    }

    @Override
    public void idle() {
        run.termination.idle();
    }

    @Override
    public WorkerLane lane(int slot) {
        return stage.lanes[slot];
    }

    @Override
    public void itemFailed(Object item, Throwable cause, int attempts) {
        run.failures.itemFailed(stage, item, cause, attempts);
    }

    @Override
    public void lateItem(Object item) {
        run.failures.lateItem(stage, item);
    }

    @Override
    public void stageFailed(Throwable cause) {
        run.failures.stageFailed(stage, cause);
        run.stop(RunStatus.FAILED, cause);
    }

    @Override
    public void abort(Throwable cause) {
        run.failures.abort(stage, null, cause, 0);
    }

    @Override
    public void finish() {
        Lane dispatcher = stage.lanes[stage.plan.workers()];
        stage.finish(dispatcher);
        stage.closeQueue(dispatcher, stage.queue);
    }

    @Override
    public WorkerPool workerPool() {
        return run.workerPool();
    }

    @Override
    public void startThread(String name, Runnable body) {
        run.pools().start(name, false, body);
    }
}
