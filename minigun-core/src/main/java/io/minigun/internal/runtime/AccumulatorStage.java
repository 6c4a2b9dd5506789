package io.minigun.internal.runtime;

import io.minigun.AccumulatorFunction;
import io.minigun.internal.definition.GraphNode;
import io.minigun.internal.plan.StagePlan;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Buffers items and flushes them as a batch when {@code maxSize} are buffered, when {@code maxWait} has passed since
 * the first buffered item, and at end of stream. The buffer is locked only when several threads share the stage.
 */
final class AccumulatorStage extends StageRuntime {
    static final int DEFAULT_MAX_SIZE = 100;

    private final AccumulatorFunction<Object, Object> body;
    private final int maxSize;
    private final long maxWaitNanos;
    private final ReentrantLock lock;
    private List<Object> buffer;
    private long firstItemNanos;

    @SuppressWarnings("unchecked")
    AccumulatorStage(Run run, GraphNode node, StagePlan plan) {
        super(run, node, plan);
        this.body = (AccumulatorFunction<Object, Object>) node.definition().body();
        Integer size = node.config().maxSize();
        this.maxSize = size != null ? size : DEFAULT_MAX_SIZE;
        this.maxWaitNanos = node.config().maxWait() != null && !run.plan().isForceInline()
                ? node.config().maxWait().toNanos() : -1;
        this.lock = plan.isSingleThreaded() ? null : new ReentrantLock();
        this.buffer = new ArrayList<>(Math.min(maxSize, 1024));
    }

    /** An item from a queue: it may have waited there while the run began stopping, and is then cancelled. */
    @Override
    void onQueuedItem(Lane lane, Object item) {
        if (run.stopping) {
            lane.consumed();
            lane.cancelled(1);
            return;
        }
        onItem(lane, item);
    }

    /** A direct call from the emitter, which has just checked that the run is not stopping. */
    @Override
    void onItem(Lane lane, Object item) {
        lane.consumed();
        List<Object> full = null;
        lock();
        try {
            buffer.add(item);
            if (maxWaitNanos >= 0 && buffer.size() == 1) {
                firstItemNanos = System.nanoTime();
            }
            if (buffer.size() >= maxSize) {
                full = take();
            }
        } finally {
            unlock();
        }
        if (full != null) {
            flush(lane, full);
        }
    }

    @Override
    long pollTimeoutNanos() {
        if (maxWaitNanos < 0) {
            return -1;
        }
        lock();
        try {
            return buffer.isEmpty() ? -1 : Math.max(0, firstItemNanos + maxWaitNanos - System.nanoTime());
        } finally {
            unlock();
        }
    }

    @Override
    void onPollTimeout(Lane lane) {
        List<Object> due = null;
        lock();
        try {
            if (!buffer.isEmpty() && System.nanoTime() - firstItemNanos >= maxWaitNanos) {
                due = take();
            }
        } finally {
            unlock();
        }
        if (due != null) {
            flush(lane, due);
        }
    }

    @Override
    void onEndOfInput(Lane lane) {
        List<Object> rest;
        lock();
        try {
            rest = buffer.isEmpty() ? null : take();
        } finally {
            unlock();
        }
        if (rest != null) {
            flush(lane, rest);
        }
    }

    private void flush(Lane lane, List<Object> batch) {
        if (run.stopping) {
            lane.cancelled(batch.size());
            return;
        }
        processWithRetries(lane, batch, batch.size());
    }

    @Override
    @SuppressWarnings("unchecked")
    void invoke(Lane lane, Object batch) throws Exception {
        if (body == null) {
            lane.output.emit(batch);
        } else {
            body.flush((List<Object>) batch, lane.output);
        }
    }

    private List<Object> take() {
        List<Object> batch = buffer;
        buffer = new ArrayList<>(Math.min(maxSize, 1024));
        return batch;
    }

    private void lock() {
        if (lock != null) {
            lock.lock();
        }
    }

    private void unlock() {
        if (lock != null) {
            lock.unlock();
        }
    }
}
