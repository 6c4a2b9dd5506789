package io.minigun.internal.runtime;

/**
 * The loop of one worker thread of a stage with an input queue: takes elements in batches, handles them, and
 * follows the end-of-stream protocol. A single worker also runs the stages fused into it, so it stays until they
 * have ended too. {@link #serveHosted()} is the same service for a producer's fused stages.
 */
final class Workers {
    private static final int BATCH = 64;

    private final StageRuntime stage;
    private final Lane lane;
    private final StageQueue queue;
    private final Object[] batch = new Object[BATCH];

    Workers(StageRuntime stage, Lane lane, StageQueue queue) {
        this.stage = stage;
        this.lane = lane;
        this.queue = queue;
    }

    /** One worker of a queue-fed stage, until the stage (and what is fused into it) has ended. */
    void run() {
        boolean single = stage.lanes.length == 1;
        if (single) {
            stage.hostThread = Thread.currentThread();
        }
        while (true) {
            int n = take(stage.pollTimeoutNanos());
            for (int i = 0; i < n; i++) {
                Object element = batch[i];
                batch[i] = null;
                if (!single && element instanceof Control.EndOf end && end.stage() == stage) {
                    requeue(i + 1, n);
                    lane.completed();
                    leaveAfterEnd(end);
                    return;
                }
                handleCounted(element);
                if (single && stage.hostDone()) {
                    for (int j = i + 1; j < n; j++) {
                        handleCounted(batch[j]);
                        batch[j] = null;
                    }
                    stage.closeQueue(lane, queue);
                    return;
                }
            }
        }
    }

    /**
     * Handles what the queue holds right now, without waiting: a turn of a stage that has no thread of its own
     * ({@link Drain}). Once the stage and what is fused into it have ended, closes the queue.
     */
    void drainNow() {
        int n;
        while ((n = takeNow()) > 0) {
            for (int i = 0; i < n; i++) {
                Object element = batch[i];
                batch[i] = null;
                handleCounted(element);
                if (stage.hostDone()) {
                    for (int j = i + 1; j < n; j++) {
                        handleCounted(batch[j]);
                        batch[j] = null;
                    }
                    stage.closeQueue(lane, queue);
                    return;
                }
            }
        }
    }

    /** Takes what is queued now; an interrupt of this (upstream) thread is kept for its own stage to see. */
    private int takeNow() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return queue.drain(batch, BATCH, 0);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A producer's thread after its body: ends the stages fused behind it, servicing routed items meanwhile. */
    void serveHosted() {
        while (!stage.hostDone()) {
            int n = take(-1);
            for (int i = 0; i < n; i++) {
                handleCounted(batch[i]);
                batch[i] = null;
            }
        }
        stage.closeQueue(lane, queue);
    }

    /**
     * Takes the next elements: a batch for a single worker; one at a time when several workers share the queue, so
     * that every worker gets items and N really run at once.
     */
    private int take(long timeoutNanos) {
        int max = stage.lanes.length == 1 ? BATCH : 1;
        while (true) {
            try {
                int n = queue.drain(batch, max, 0);
                if (n > 0) {
                    return n;
                }
                stage.run.termination.idle();
                n = queue.drain(batch, max, timeoutNanos);
                if (n == 0) {
                    stage.onPollTimeout(lane);
                }
                return n;
            } catch (InterruptedException e) {
                // only a cancelled producer's thread is interrupted; the queue must still be served
                Thread.interrupted();
            }
        }
    }

    /**
     * Handles an element and counts it as handled. An end token is counted first: the stage is ending, so the run is
     * not judged quiet meanwhile, and the next stage may end as soon as this one has.
     */
    private void handleCounted(Object element) {
        if (element instanceof Control.EndOf) {
            lane.completed();
            handle(element);
        } else {
            handle(element);
            lane.completed();
        }
    }

    /** Handles an item that did not go through the queue ({@link Drain#tryRunNow}): nothing to count as taken. */
    void handleDirect(Object item) {
        handle(item);
    }

    private void handle(Object element) {
        try {
            stage.handleControl(lane, element);
        } catch (RunStopped stopped) {
            // counted where it was raised
        } catch (Throwable t) {
            stage.run.failures.internalError(stage, t);
        }
    }

    /** Several workers: each leaves on the end token and passes it on; the last one ends the stage. */
    private void leaveAfterEnd(Control.EndOf end) {
        if (stage.activeLanes.decrementAndGet() > 0) {
            queue.putUrgent(end);
            return;
        }
        stage.finish(lane);
        stage.closeQueue(lane, queue);
    }

    private void requeue(int from, int to) {
        for (int i = from; i < to; i++) {
            queue.putUrgent(batch[i]);
            batch[i] = null;
        }
    }
}
