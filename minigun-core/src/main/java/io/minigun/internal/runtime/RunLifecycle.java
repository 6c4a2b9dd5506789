package io.minigun.internal.runtime;

import io.minigun.ContextType;
import io.minigun.PipelineRun;
import io.minigun.RunHook;
import io.minigun.RunResult;
import io.minigun.RunStatus;
import io.minigun.internal.definition.PipelineScope;
import io.minigun.internal.plan.Plan;
import io.minigun.internal.plan.Placement;
import io.minigun.internal.plan.StagePlan;
import io.minigun.internal.remote.RemoteStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Owns a run's life, from its start to its one result. Whatever happens on the way (an interrupt of the thread that
 * lives the run, an {@link Error}, an exception from a hook, a listener, a worker start), it stops what is running,
 * waits for every stage to end, closes every pool so that no thread of the run is left, runs the {@code afterRun}
 * hooks after every stage has ended, and publishes the result exactly once: to the listeners, then to whoever
 * waits.
 */
final class RunLifecycle {
    private static final Logger log = LoggerFactory.getLogger(RunLifecycle.class);
    /** How long a run whose threads could not all start waits for those that did, after stopping them. */
    private static final long PARTIAL_START_GRACE_NANOS = TimeUnit.SECONDS.toNanos(10);

    /** How far a run got in starting: what its end must wait for. */
    private enum Started {
        /** No stage thread started (a beforeRun hook failed, or the stages could not be prepared). */
        NOTHING,
        /** Some stage threads started, but not all of them: stages may never end on their own. */
        PARTLY,
        /** Every stage runs: the run ends when its stages have ended. */
        EVERYTHING
    }

    private final Run run;
    private final List<? extends RunObserver> listeners;
    private final CompletableFuture<RunResult> done = new CompletableFuture<>();
    private boolean beforeRunHooksRan;

    RunLifecycle(Run run, List<? extends RunObserver> listeners) {
        this.run = run;
        this.listeners = listeners;
    }

    CompletableFuture<RunResult> completion() {
        return done;
    }

    /** Tells the listeners about the run, on the caller's thread, so the run is known before it starts. */
    void announce(PipelineRun handle) {
        Plan plan = run.plan();
        for (RunObserver listener : listeners) {
            try {
                listener.runStarted(handle);
            } catch (Throwable t) {
                log.warn("Run listener {} failed on start of pipeline '{}'", listener, plan.pipelineName(), t);
            }
        }
    }

    /**
     * Lives the whole run on this thread: starts it, waits for its end (an interrupt cancels the run, and the
     * interrupt status is kept for the caller), closes its pools and publishes the result. Never throws.
     */
    RunResult live() {
        boolean interrupted = false;
        try {
            Started started;
            try {
                started = start();
            } catch (Throwable t) {
                run.failures.startFailed(run.plan().pipelineName(), t);
                started = run.pools().hasThreads() ? Started.PARTLY : Started.NOTHING;
            }
            interrupted = awaitStages(started);
            interrupted |= closePools(started);
            runAfterRunHooks();
            return publish();
        } catch (Throwable t) {
            log.error("Pipeline '{}': internal error while ending run {}", run.plan().pipelineName(), run.id(), t);
            done.completeExceptionally(t);
            throw t;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The run could not even get a thread of its own: it fails at once, and whoever waits is released. */
    void failToLaunch(Throwable t) {
        run.failures.startFailed(run.plan().pipelineName(), t);
        publish();
    }

    // ---- start -------------------------------------------------------------------------------------------------

    /** Runs the before hooks and starts every stage; with forceInline, runs the whole pipeline right here. */
    private Started start() {
        run.markStarted();
        for (PipelineScope scope : run.graph().scopes()) {
            for (RunHook hook : scope.hooks().beforeRun()) {
                beforeRunHooksRan = true;
                try {
                    hook.run(run.context());
                } catch (Throwable t) {
                    run.failures.hookFailed(scope.path(), scope.name(), "beforeRun", t, true);
                    return Started.NOTHING;
                }
            }
        }
        beforeRunHooksRan = true;
        for (StageRuntime stage : run.graph().topologicalOrder().stream().map(n -> run.stage(n.id())).toList()) {
            stage.runHooks(run.beforeHooks(stage));
        }
        // everything that can fail is made before the first thread starts, so a failure leaves nothing running
        List<StageThread> threads = new ArrayList<>();
        for (StageRuntime stage : run.stages()) {
            prepareThreads(stage, threads);
        }
        for (StageThread thread : threads) {
            run.pools().start(thread.name(), thread.virtual(), thread.body());
        }
        for (StageRuntime stage : run.stages()) {
            if (!(stage instanceof ProducerStage) && stage.node.upstream().isEmpty()) {
                run.termination.readyToEnd(stage);
            }
        }
        for (ProducerStage producer : run.producers()) {
            if (run.plan().isForceInline()) {
                producer.runOnThisThread();
            } else {
                run.pools().start(producer.name, producer.plan.contextType() == ContextType.VIRTUAL,
                        producer::runOnThisThread);
            }
        }
        return Started.EVERYTHING;
    }

    /** A thread a stage needs: its name, whether it is virtual, and what it runs. */
    private record StageThread(String name, boolean virtual, Runnable body) {
    }

    private void prepareThreads(StageRuntime stage, List<StageThread> threads) {
        StagePlan p = stage.plan;
        boolean virtual = p.contextType() == ContextType.VIRTUAL;
        ContextPools pools = run.pools();
        if (p.placement() == Placement.WORKERS) {
            for (int i = 0; i < stage.lanes.length; i++) {
                Lane lane = stage.lanes[i];
                String name = stage.lanes.length == 1 ? stage.name : stage.name + "-" + (i + 1);
                Runnable body = stage instanceof LoopStage loop
                        ? () -> loop.runOnThisThread(lane)
                        : new Workers(stage, lane, stage.queue)::run;
                threads.add(new StageThread(name, virtual, body));
            }
        } else if (p.placement() == Placement.PROCESS) {
            threads.add(new StageThread(stage.name + "-dispatch", false, ProcessStageAdapter.processStage(run, stage)::run));
        } else if (p.placement() == Placement.REMOTE) {
            RemoteStage remote = ProcessStageAdapter.remoteStage(run, stage);
            threads.add(new StageThread(stage.name + "-dispatch", false, remote::run));
            threads.add(new StageThread(stage.name + "-results", false, remote::deliverOutcomes));
        } else if (p.placement() == Placement.DISPATCH) {
            Executor executor = virtual ? pools.virtualTasks() : pools.namedPool(p.contextName(), p.workers());
            Semaphore shared = p.contextName() == null ? null : pools.permits(p.contextName(), p.workers());
            threads.add(new StageThread(stage.name + "-dispatch", false,
                    new Dispatcher(stage, executor, shared)::run));
        }
    }

    // ---- end ---------------------------------------------------------------------------------------------------

    /**
     * Waits until every stage has ended. An interrupt of this thread cancels the run, and the wait goes on: the
     * stopped stages end, and the result must not be published before they have. Returns whether it was interrupted.
     */
    private boolean awaitStages(Started started) {
        boolean interrupted = false;
        if (started == Started.NOTHING) {
            return false;
        }
        long deadline = System.nanoTime() + PARTIAL_START_GRACE_NANOS;
        while (true) {
            try {
                // Every thread that can make the run quiet tells Termination itself; this once-a-second nudge is
                // only a safety net, so that a missed signal could delay the end of a run but never hang it.
                if (run.termination.awaitAllEnded(1, TimeUnit.SECONDS)) {
                    return interrupted;
                }
                run.termination.idle();
                if (started == Started.PARTLY && System.nanoTime() - deadline > 0) {
                    log.error("Pipeline '{}': run {} could not start all of its threads, and the stages that did "
                            + "start have not ended {} s after it was stopped", run.plan().pipelineName(), run.id(),
                            TimeUnit.NANOSECONDS.toSeconds(PARTIAL_START_GRACE_NANOS));
                    return interrupted;
                }
            } catch (InterruptedException e) {
                interrupted = true;
                run.stop(RunStatus.CANCELLED, null);
            }
        }
    }

    /** Closes the run's pools, waiting for every thread; returns whether this thread was interrupted meanwhile. */
    private boolean closePools(Started started) {
        boolean interrupted = false;
        long timeout = started == Started.PARTLY ? PARTIAL_START_GRACE_NANOS : Long.MAX_VALUE;
        while (true) {
            try {
                if (!run.pools().close(timeout)) {
                    log.error("Pipeline '{}': threads of run {} are still running after it ended: {}",
                            run.plan().pipelineName(), run.id(), run.pools().liveThreadNames());
                }
                return interrupted;
            } catch (InterruptedException e) {
                interrupted = true;
                run.stop(RunStatus.CANCELLED, null);
            }
        }
    }

    /** The afterRun hooks, innermost pipeline first; they run once every stage has ended, even after a failure. */
    private void runAfterRunHooks() {
        if (!beforeRunHooksRan) {
            return;
        }
        List<PipelineScope> scopes = new ArrayList<>(run.graph().scopes());
        Collections.reverse(scopes);
        for (PipelineScope scope : scopes) {
            for (RunHook hook : scope.hooks().afterRun()) {
                try {
                    hook.run(run.context());
                } catch (Throwable t) {
                    run.failures.hookFailed(scope.path(), scope.name(), "afterRun", t, false);
                }
            }
        }
    }

    /** Makes the result and hands it to the listeners, then to whoever waits: once. */
    private RunResult publish() {
        run.markEnded();
        RunResult result = new RunResult(run.id(), run.endStatus(), run.stats(), run.failures.kept(),
                run.failures.count(), run.stopCause());
        Plan plan = run.plan();
        for (RunObserver listener : listeners) {
            try {
                listener.runFinished(result);
            } catch (Throwable t) {
                log.warn("Run listener {} failed on end of pipeline '{}'", listener, plan.pipelineName(), t);
            }
        }
        done.complete(result);
        return result;
    }
}
