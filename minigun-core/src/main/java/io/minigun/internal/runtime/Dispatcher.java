package io.minigun.internal.runtime;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;

/**
 * Feeds a stage whose items each run on a borrowed lane: one virtual thread per item (VIRTUAL) or a task on a named
 * context's shared pool. The number of lanes caps how many items run at once; a named context's semaphore also caps
 * all the stages that share it.
 */
final class Dispatcher {
    private final StageRuntime stage;
    private final Executor executor;
    private final Semaphore shared;
    private final ArrayBlockingQueue<Lane> free;

    Dispatcher(StageRuntime stage, Executor executor, Semaphore shared) {
        this.stage = stage;
        this.executor = executor;
        this.shared = shared;
        this.free = new ArrayBlockingQueue<>(stage.lanes.length);
        for (Lane lane : stage.lanes) {
            free.add(lane);
        }
    }

    void run() {
        StageQueue queue = stage.queue;
        Object[] one = new Object[1];
        while (true) {
            try {
                if (queue.drain(one, 1, 0) == 0) {
                    stage.run.termination.idle();
                    if (queue.drain(one, 1, stage.pollTimeoutNanos()) == 0) {
                        Lane lane = borrow();
                        submit(lane, () -> stage.onPollTimeout(lane), false);
                        continue;
                    }
                }
                Object element = one[0];
                one[0] = null;
                if (element instanceof Control.EndOf end && end.stage() == stage) {
                    for (int i = 0; i < stage.lanes.length; i++) {
                        free.take();
                    }
                    stage.dispatched.incrementAndGet();
                    stage.finish(stage.lanes[0]);
                    stage.closeQueue(stage.lanes[0], queue);
                    return;
                }
                Lane lane = borrow();
                submit(lane, () -> stage.handleControl(lane, element), true);
            } catch (InterruptedException e) {
                Thread.interrupted();
            }
        }
    }

    private Lane borrow() throws InterruptedException {
        Lane lane = free.take();
        if (shared != null) {
            shared.acquire();
        }
        return lane;
    }

    private void submit(Lane lane, Runnable work, boolean countsAsElement) {
        executor.execute(() -> {
            try {
                work.run();
            } catch (RunStopped stopped) {
                // counted where it was raised
            } catch (Throwable t) {
                stage.run.failures.internalError(stage, t);
            } finally {
                if (countsAsElement) {
                    stage.dispatched.incrementAndGet();
                }
                if (shared != null) {
                    shared.release();
                }
                free.add(lane);
                stage.run.termination.idle();
            }
        });
    }
}
