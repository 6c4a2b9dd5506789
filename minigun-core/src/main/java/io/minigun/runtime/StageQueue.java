package io.minigun.runtime;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A stage's input queue: a blocking ring buffer, bounded (senders block while it is full) or growable when asked
 * for. It counts every element ever put, which lets {@link Termination} tell when the whole run is quiet, and it can
 * be closed so that a late sender is told instead of losing its item.
 */
final class StageQueue {
    private static final int INITIAL_GROWABLE_CAPACITY = 64;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final int capacity;
    private Object[] items;
    private int head;
    private int count;
    private int waitingTakers;
    private int waitingPutters;
    private boolean closed;
    private volatile long putCount;

    StageQueue(int capacity) {
        this.capacity = capacity;
        this.items = new Object[capacity == Integer.MAX_VALUE ? INITIAL_GROWABLE_CAPACITY : capacity];
    }

    int capacity() {
        return capacity;
    }

    /** How many elements were ever accepted. */
    long putCount() {
        return putCount;
    }

    /** Puts one element, waiting while the queue is full. Returns false if the queue is closed. */
    boolean put(Object item) throws InterruptedException {
        ReentrantLock lock = this.lock;
        lock.lockInterruptibly();
        try {
            while (count == items.length && !closed) {
                if (capacity == Integer.MAX_VALUE) {
                    grow();
                    break;
                }
                waitingPutters++;
                try {
                    notFull.await();
                } finally {
                    waitingPutters--;
                }
            }
            if (closed) {
                return false;
            }
            items[(head + count) % items.length] = item;
            count++;
            putCount = putCount + 1;
            if (waitingTakers > 0) {
                notEmpty.signal();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Puts one element ignoring the capacity (control tokens must never wait). Returns false if closed. */
    boolean putUrgent(Object item) {
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            if (count == items.length) {
                grow();
            }
            items[(head + count) % items.length] = item;
            count++;
            putCount = putCount + 1;
            if (waitingTakers > 0) {
                notEmpty.signal();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Moves up to {@code max} elements into {@code into}, waiting up to {@code timeoutNanos} for the first one
     * (forever when negative). Returns how many were moved; 0 on timeout.
     */
    int drain(Object[] into, int max, long timeoutNanos) throws InterruptedException {
        ReentrantLock lock = this.lock;
        lock.lockInterruptibly();
        try {
            long remaining = timeoutNanos;
            while (count == 0) {
                if (timeoutNanos >= 0 && remaining <= 0) {
                    return 0;
                }
                waitingTakers++;
                try {
                    if (timeoutNanos < 0) {
                        notEmpty.await();
                    } else {
                        remaining = notEmpty.awaitNanos(remaining);
                    }
                } finally {
                    waitingTakers--;
                }
            }
            int n = Math.min(max, count);
            Object[] items = this.items;
            int length = items.length;
            for (int i = 0; i < n; i++) {
                into[i] = items[head];
                items[head] = null;
                head = head + 1 == length ? 0 : head + 1;
            }
            count -= n;
            if (waitingPutters > 0) {
                if (n == 1) {
                    notFull.signal();
                } else {
                    notFull.signalAll();
                }
            }
            return n;
        } finally {
            lock.unlock();
        }
    }

    /** Takes one element, waiting up to the timeout (forever when negative); null on timeout. */
    Object poll(long timeoutNanos) throws InterruptedException {
        Object[] one = new Object[1];
        return drain(one, 1, timeoutNanos) == 1 ? one[0] : null;
    }

    /** Whether the queue holds nothing right now. */
    boolean isEmpty() {
        lock.lock();
        try {
            return count == 0;
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return count;
        } finally {
            lock.unlock();
        }
    }

    /** Refuses every further put and returns what was still queued, in order. */
    Object[] close() {
        lock.lock();
        try {
            closed = true;
            Object[] rest = new Object[count];
            for (int i = 0; i < count; i++) {
                rest[i] = items[(head + i) % items.length];
            }
            java.util.Arrays.fill(items, null);
            count = 0;
            notFull.signalAll();
            notEmpty.signalAll();
            return rest;
        } finally {
            lock.unlock();
        }
    }

    boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    private void grow() {
        Object[] bigger = new Object[items.length * 2];
        for (int i = 0; i < count; i++) {
            bigger[i] = items[(head + i) % items.length];
        }
        items = bigger;
        head = 0;
    }

    @SuppressWarnings("unused")
    private static long nanos(long amount, TimeUnit unit) {
        return unit.toNanos(amount);
    }
}
