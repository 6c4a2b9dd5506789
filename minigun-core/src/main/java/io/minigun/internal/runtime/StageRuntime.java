package io.minigun.internal.runtime;

import io.minigun.RunHook;
import io.minigun.internal.definition.GraphNode;
import io.minigun.internal.plan.Placement;
import io.minigun.internal.plan.StagePlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One stage during one run: its lanes, its queue (if it has one), and the end-of-stream protocol shared by every
 * kind. Subclasses say what an item does; drivers ({@link Workers}, {@link Dispatcher}, {@link ProducerStage})
 * say which thread does it.
 *
 * <p>End of stream: when every static upstream has ended the stage is <em>ready</em>; {@link Termination} ends
 * ready stages one at a time, in topological order, once nothing in the run is in flight, so a stage that may still
 * receive dynamically routed items never ends while a sender could still reach it.
 */
abstract class StageRuntime {
    private static final Logger log = LoggerFactory.getLogger(StageRuntime.class);

    final Run run;
    final GraphNode node;
    final StagePlan plan;
    final String name;
    final Lane[] lanes;
    /** The stage's input queue, or for a producer that hosts fused stages, their inbox; else null. */
    final StageQueue queue;
    /** Set when this stage's thread hosts fused stages and must service their dynamically routed items. */
    StageQueue inbox;
    /** The fused stages this stage's worker runs, in order (empty unless this stage is a host). */
    final List<StageRuntime> hosted = new ArrayList<>();
    /** The thread that runs this stage's items when there is exactly one. */
    volatile Thread hostThread;
    /** The stage's turn on the threads that send to it, when it has none of its own ({@code DRAIN}); else null. */
    final Drain drain;
    final AtomicLong dispatched = new AtomicLong();
    /** Workers still running; the last one to stop ends the stage. */
    final AtomicInteger activeLanes;

    private final AtomicInteger openUpstreams;
    private final AtomicBoolean warnedDiscard = new AtomicBoolean();
    private volatile boolean ended;
    private volatile long endNanos;
    final List<StageRuntime> downstream = new ArrayList<>();

    StageRuntime(Run run, GraphNode node, StagePlan plan) {
        this.run = run;
        this.node = node;
        this.plan = plan;
        this.name = node.name();
        this.openUpstreams = new AtomicInteger(node.upstream().size());
        int laneCount = switch (plan.placement()) {
            case WORKERS, DISPATCH -> plan.workers();
            case PROCESS -> plan.workers() + 1;
            // lane 0 counts the outcomes the transport reports, lane 1 is the dispatcher's
            case REMOTE -> 2;
            default -> 1;
        };
        this.lanes = new Lane[laneCount];
        for (int i = 0; i < laneCount; i++) {
            lanes[i] = new Lane(this);
        }
        this.activeLanes = new AtomicInteger(laneCount);
        this.queue = plan.hasQueue() || needsBufferInCallerMode() ? new StageQueue(queueCapacity()) : null;
        this.drain = plan.placement() == Placement.DRAIN ? new Drain(this) : null;
    }

    /** An element was put into this stage's queue (or, for a host, its inbox): a drained stage takes its turn. */
    final void queued() {
        if (drain != null) {
            drain.signal();
        }
    }

    private boolean needsBufferInCallerMode() {
        return plan.placement() == Placement.CALLER && this instanceof LoopStage;
    }

    private int queueCapacity() {
        return plan.placement() == Placement.CALLER ? Integer.MAX_VALUE : plan.queueCapacity();
    }

    // ---- what an item does -------------------------------------------------------------------------------------

    /** Handles one item on {@code lane}: count it, run the stage code with retries, count the outcome. */
    abstract void onItem(Lane lane, Object item);

    /** Handles an item taken from a queue (its own, or routed to it through its host's inbox). */
    void onQueuedItem(Lane lane, Object item) {
        onItem(lane, item);
    }

    /** End of input: flush what is buffered. Runs once, on the stage's thread, before the after-hooks. */
    void onEndOfInput(Lane lane) {
    }

    /** How long a worker may block waiting for input before {@link #onPollTimeout} (negative: forever). */
    long pollTimeoutNanos() {
        return -1;
    }

    void onPollTimeout(Lane lane) {
    }

    /** Runs the stage code once on an item or a batch; overridden by stages that retry per item. */
    void invoke(Lane lane, Object item) throws Exception {
        throw new UnsupportedOperationException(name + " has no per-item body");
    }

    /**
     * Runs {@link #invoke} with the stage's retries and backoff and counts the outcome as {@code weight} items:
     * succeeded, failed (recorded, dead-lettered, fail-fast applied) or cancelled when the run is stopping.
     */
    final void processWithRetries(Lane lane, Object item, long weight) {
        lane.busy(true);
        try {
            if (lane.startSample()) {
                processTimed(lane, item, weight);
                return;
            }
            try {
                invoke(lane, item);
            } catch (Throwable t) {
                afterFailure(lane, item, weight, t, false, 0L);
                return;
            }
            lane.succeeded(weight);
        } finally {
            lane.busy(false);
        }
    }

    /**
     * A timed item (every item of a slow stage, as few as one in 128 of a fast one: {@link Lane#startSample()}), kept
     * out of line so that the usual path stays small. A retried item's time runs from its first attempt.
     */
    final void processTimed(Lane lane, Object item, long weight) {
        long start = System.nanoTime();
        try {
            invoke(lane, item);
        } catch (Throwable t) {
            afterFailure(lane, item, weight, t, true, start);
            return;
        }
        lane.endSample(System.nanoTime() - start);
        lane.succeeded(weight);
    }

    /**
     * The first attempt threw {@code first}: retries as configured and counts the outcome. Out of line, so that the
     * JIT's inlining budget goes to the path every item takes.
     */
    final void afterFailure(Lane lane, Object item, long weight, Throwable first, boolean timed, long start) {
        Throwable failure = first;
        int attempts = 1;
        while (true) {
            if (failure instanceof RunStopped) {
                lane.sampling = false;
                lane.cancelled(weight);
                return;
            }
            if (RunFailures.isFatal(failure)) {
                lane.sampling = false;
                lane.failed(weight);
                run.failures.abort(this, item, failure, attempts);
                return;
            }
            if (attempts <= plan.retries() && !run.stopping) {
                lane.retried();
                if (run.backoff(plan.backoff(), attempts)) {
                    attempts++;
                    try {
                        invoke(lane, item);
                    } catch (Throwable again) {
                        failure = again;
                        continue;
                    }
                    if (timed) {
                        lane.endSample(System.nanoTime() - start);
                    }
                    lane.succeeded(weight);
                    return;
                }
            }
            lane.sampling = false;
            if (run.stopping) {
                lane.cancelled(weight);
            } else {
                lane.failed(weight);
                run.failures.itemFailed(this, item, failure, attempts);
            }
            return;
        }
    }

    // ---- end of stream -----------------------------------------------------------------------------------------

    /** Called once by each static upstream when it has ended. */
    final void upstreamEnded() {
        if (openUpstreams.decrementAndGet() == 0) {
            run.termination.readyToEnd(this);
        }
    }

    /** Whether every static upstream has ended (so only dynamic input can still arrive). */
    final boolean staticInputDone() {
        return openUpstreams.get() == 0;
    }

    /** Called by {@link Termination} when the stage may end: hands the end to the thread that runs it. */
    void requestEnd() {
        StageQueue endQueue = switch (plan.placement()) {
            case WORKERS, DISPATCH, PROCESS, REMOTE, DRAIN -> queue;
            case COLOCATED, INLINE -> plan.hostId() >= 0 && plan.hostId() != node.id()
                    ? run.stage(plan.hostId()).inbox() : null;
            default -> null;
        };
        if (endQueue != null && endQueue.putUrgent(new Control.EndOf(this))) {
            (endQueue == queue ? this : run.stage(plan.hostId())).queued();
            return;
        }
        if (endQueue != null) {
            log.error("Pipeline '{}', stage '{}': the thread that runs it has already stopped; ending it here",
                    node.scope().path(), name);
        }
        synchronized (this) {
            finish(lanes[0]);
        }
    }

    /**
     * The stage's last act: flush, after-hooks, then end of stream to every static downstream stage. Runs on the
     * stage's own thread (the last worker, the host of a fused stage, or the terminating thread for hostless ones).
     */
    final void finish(Lane lane) {
        try {
            onEndOfInput(lane);
        } catch (RunStopped stopped) {
            // the run is stopping: what the flush could not emit is already counted as cancelled
        } catch (Throwable t) {
            run.failures.stageFailed(this, t);
        }
        runHooks(run.afterHooks(this));
        endNanos = System.nanoTime();
        ended = true;
        for (StageRuntime next : downstream) {
            next.upstreamEnded();
        }
        run.termination.stageEnded(this);
    }

    /** The queue where dynamically routed items for this host's fused stages, and their end tokens, arrive. */
    StageQueue inbox() {
        return inbox != null ? inbox : queue;
    }

    /** Handles whatever a host's inbox holds right now (called between items of the host's own work). */
    void serviceInbox(Lane lane) {
        StageQueue box = inbox;
        if (box.putCount() != lane.completedCount()) {
            drainInbox(lane, box);
        }
    }

    private void drainInbox(Lane lane, StageQueue box) {
        Object[] batch = new Object[16];
        try {
            int n;
            while ((n = box.drain(batch, batch.length, 0)) > 0) {
                for (int i = 0; i < n; i++) {
                    Object element = batch[i];
                    batch[i] = null;
                    if (element instanceof Control.EndOf) {
                        lane.completed();
                        handleControl(lane, element);
                    } else {
                        handleControl(lane, element);
                        lane.completed();
                    }
                }
            }
        } catch (InterruptedException e) {
            // a cancelled producer's thread: its fused stages are served again once the body has stopped
            Thread.interrupted();
        }
    }

    /**
     * Handles a queue element that is not this stage's own item: a routed item or an end token for a hosted stage.
     * Returns true when it ended one of the stages this thread runs.
     */
    final boolean handleControl(Lane lane, Object element) {
        if (element instanceof Control.Routed routed) {
            routed.stage().onQueuedItem(routed.stage().lanes[0], routed.item());
            return false;
        }
        if (element instanceof Control.EndOf end) {
            StageRuntime stage = end.stage();
            stage.finish(stage == this ? lane : stage.lanes[0]);
            return true;
        }
        if (isEnded()) {
            lane.consumed();
            lane.failed(1);
            run.failures.lateItem(this, element);
            return false;
        }
        onQueuedItem(lane, element);
        return false;
    }

    final boolean isEnded() {
        return ended;
    }

    /** Whether this stage and every stage fused into its thread have ended. */
    final boolean hostDone() {
        if (!ended) {
            return false;
        }
        for (StageRuntime member : hosted) {
            if (!member.isEnded()) {
                return false;
            }
        }
        return true;
    }

    /** Fails the items still queued when the stage can take no more (they arrived after it ended). */
    final void closeQueue(Lane lane, StageQueue toClose) {
        for (Object rest : toClose.close()) {
            if (rest instanceof Control.Routed routed) {
                routed.stage().lanes[0].consumed();
                routed.stage().lanes[0].failed(1);
                run.failures.lateItem(routed.stage(), routed.item());
            } else if (!(rest instanceof Control)) {
                lane.consumed();
                lane.failed(1);
                run.failures.lateItem(this, rest);
            }
        }
    }

    long endNanos() {
        return endNanos;
    }

    void warnDiscarded() {
        if (warnedDiscard.compareAndSet(false, true)) {
            log.warn("Pipeline '{}', stage '{}' emits items but has no downstream stage; they are counted as "
                    + "discarded. Connect it with to(...) or declare a stage after it.", node.scope().path(), name);
        }
    }

    void runHooks(List<RunHook> hooks) {
        for (RunHook hook : hooks) {
            try {
                hook.run(run.context());
            } catch (Throwable t) {
                run.failures.stageFailed(this, t);
            }
        }
    }

    /** Sum of queue elements fully handled, for quiescence detection. */
    long completedElements() {
        long sum = dispatched.get();
        for (Lane lane : lanes) {
            sum += lane.completedCount();
        }
        return sum;
    }

    @Override
    public String toString() {
        return node.qualifiedName();
    }
}
