package io.minigun.internal.runtime;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a stage that has no thread of its own ({@code DRAIN}): every element put into its queue signals, and the
 * signalling thread that finds nobody draining drains the queue until it is empty and nobody signalled meanwhile
 * (the work-in-progress counter of Reactor's merging operators). So the stage keeps the guarantees of a single
 * worker — one element at a time, in queue order, each one's effects visible to the next through the counter —
 * without a thread and a hand-off per item. A full queue still holds its senders back: whoever drains is busy. A
 * sender that finds nobody draining skips the queue altogether ({@link #tryRunNow}).
 */
final class Drain {
    private final StageRuntime stage;
    private final Workers worker;
    private final AtomicInteger workInProgress = new AtomicInteger();

    Drain(StageRuntime stage) {
        this.stage = stage;
        this.worker = new Workers(stage, stage.lanes[0], stage.queue);
    }

    /** An element was put into the stage's queue: drains it on this thread unless another thread is draining. */
    void signal() {
        if (workInProgress.getAndIncrement() != 0) {
            return;
        }
        drainFrom(1);
    }

    /**
     * Runs {@code item} on this thread at once, without the queue, when nobody is draining and the stage has not
     * ended; returns false, having done nothing, otherwise (the item then goes through the queue). Nothing this
     * thread sent earlier can still be queued (it would hold the counter), so the item keeps its place behind them,
     * and an uncontended stage costs no put and no take.
     */
    boolean tryRunNow(Object item) {
        if (workInProgress.get() != 0 || stage.isEnded() || !workInProgress.compareAndSet(0, 1)) {
            return false;
        }
        Thread current = Thread.currentThread();
        stage.hostThread = current;
        worker.handleDirect(item);
        stage.hostThread = null;
        int missed = workInProgress.addAndGet(-1);
        if (missed != 0) {
            drainFrom(missed);
        }
        return true;
    }

    private void drainFrom(int missed) {
        Thread current = Thread.currentThread();
        do {
            // the host thread only while draining: routed items from this thread to a stage fused behind this one
            // are then direct calls (a put could wait on this very queue)
            stage.hostThread = current;
            worker.drainNow();
            stage.hostThread = null;
            missed = workInProgress.addAndGet(-missed);
        } while (missed != 0);
        // the run may have become quiet with this thread's last element
        stage.run.termination.idle();
    }
}
