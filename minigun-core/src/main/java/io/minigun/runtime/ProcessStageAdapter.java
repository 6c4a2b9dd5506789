package io.minigun.runtime;

import io.minigun.RunStatus;
import io.minigun.process.ProcessStage;
import io.minigun.process.ProcessStageHost;
import io.minigun.process.ProcessStageSpec;
import io.minigun.process.WorkerLane;
import io.minigun.process.WorkerPool;

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
        Integer maxSize = stage.node.config().maxSize();
        ProcessStageSpec spec = new ProcessStageSpec(stage.node.scope().path(), stage.name, stage.node.kind(),
                stage.plan.workers(), stage.plan.recipe(), stage.node.scope().settings().process(),
                stage.plan.retries(), stage.plan.backoff(),
                maxSize != null ? maxSize : AccumulatorStage.DEFAULT_MAX_SIZE, stage.node.config().maxWait(),
                run.id(), run.context().pipelineName(), run.context().parameters());
        return new ProcessStage(spec, new ProcessStageAdapter(run, stage));
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
