package io.minigun.internal.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A stage's input queue: a blocking ring buffer, bounded (senders block while it is full) or growable when asked
 * for. It counts every element ever put, which lets {@link Termination} tell when the whole run is quiet, and it can
 * be closed so that a late sender is told instead of losing its item.
 *
 * <p>Every change happens under one lock, so counts and close are exact; what makes it fast is avoiding the
 * expensive part, waking a parked thread. A side that finds the queue empty (or full) first spins and yields a
 * moment outside the lock, watching the count, because the other side usually acts within microseconds. A sender
 * parked on a full queue is woken as soon as a slot is free (the low-water mark is one below capacity); a taker that
 * put a wake-up off delivers it before it parks anywhere itself, so stages that feed each other (dynamic routes)
 * still make progress.
 */
final class StageQueue {
    private static final int INITIAL_GROWABLE_CAPACITY = 64;
    /** Rounds of waiting outside the lock before parking; the first few busy-spin, the rest yield the CPU. */
    private static final int SPINS = 64;
    private static final int BUSY_SPINS = 8;
    /**
     * The queue whose parked senders this thread, as a taker, has not woken yet (above the low-water mark). The
     * thread wakes them before it parks itself, so a cycle of stages never waits on a wake-up that was put off.
     */
    private static final ThreadLocal<StageQueue> OWED_WAKE_UP = new ThreadLocal<>();
    private static final VarHandle COUNT;

    static {
        try {
            COUNT = MethodHandles.lookup().findVarHandle(StageQueue.class, "count", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final int capacity;
    /** Parked senders are woken once no more than this many elements are queued. */
    private final int lowWater;
    private Object[] items;
    private int head;
    /** Written under the lock; read without it (opaque) only to decide whether spinning is still worth it. */
    private int count;
    private int waitingTakers;
    private int waitingPutters;
    private boolean closed;
    private volatile long putCount;
    /** Time senders spent waiting for room, written under the lock. */
    private long blockedNanos;

    StageQueue(int capacity) {
        this.capacity = capacity;
        // Wake a parked sender as soon as a slot frees: waiting for a bigger burst is faster, but a taker blocked in
        // user code on something its sender will do next would then wait forever while the queue has room.
        this.lowWater = capacity - 1;
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
        return put(item, null);
    }

    /**
     * Puts one element, waiting while the queue is full; the time waited (only a put that found the queue full pays
     * for measuring it) is added to the queue's and to {@code sender}'s blocked time. Returns false if closed.
     */
    boolean put(Object item, Lane sender) throws InterruptedException {
        ReentrantLock lock = this.lock;
        int spins = 0;
        long blockedSince = 0;
        while (true) {
            lock.lockInterruptibly();
            try {
                if (closed) {
                    blocked(blockedSince, sender);
                    return false;
                }
                if (count < items.length || capacity == Integer.MAX_VALUE) {
                    insert(item);
                    if (blockedSince != 0) {
                        blocked(blockedSince, sender);
                    }
                    return true;
                }
                if (blockedSince == 0) {
                    blockedSince = System.nanoTime() | 1;
                }
                if (spins >= SPINS) {
                    waitingPutters++;
                    try {
                        notFull.await();
                    } finally {
                        waitingPutters--;
                    }
                    if (!closed && count < items.length) {
                        insert(item);
                        blocked(blockedSince, sender);
                        return true;
                    }
                    continue;
                }
            } finally {
                lock.unlock();
            }
            spins = spinWhile(spins, items.length);
            if (spins >= SPINS) {
                payOwedWakeUp();
            }
        }
    }

    /** Under the lock: adds the time since {@code since} (0: never blocked) to the blocked times. */
    private void blocked(long since, Lane sender) {
        if (since != 0) {
            long nanos = System.nanoTime() - since;
            blockedNanos += nanos;
            if (sender != null) {
                sender.blocked(nanos);
            }
        }
    }

    /** How long senders waited in total for room in this queue. */
    long blockedNanos() {
        lock.lock();
        try {
            return blockedNanos;
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
            insert(item);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Appends under the lock, growing when full (growable queues and urgent puts). */
    private void insert(Object item) {
        if (count == items.length) {
            grow();
        }
        int at = head + count;
        items[at >= items.length ? at - items.length : at] = item;
        COUNT.setOpaque(this, count + 1);
        putCount = putCount + 1;
        if (waitingTakers > 0) {
            notEmpty.signal();
        }
    }

    /**
     * Moves up to {@code max} elements into {@code into}, waiting up to {@code timeoutNanos} for the first one
     * (forever when negative). Returns how many were moved; 0 on timeout.
     */
    int drain(Object[] into, int max, long timeoutNanos) throws InterruptedException {
        if (timeoutNanos == 0 && (int) COUNT.getOpaque(this) == 0) {
            // the lock-free answer for a quick look; an interrupt is reported as taking the lock would
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            return 0;
        }
        ReentrantLock lock = this.lock;
        int spins = 0;
        long deadline = timeoutNanos > 0 ? System.nanoTime() + timeoutNanos : 0L;
        while (true) {
            lock.lockInterruptibly();
            try {
                if (count > 0) {
                    return take(into, max);
                }
                if (timeoutNanos == 0) {
                    return 0;
                }
                if (spins >= SPINS) {
                    long remaining = timeoutNanos < 0 ? -1 : deadline - System.nanoTime();
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
                    return take(into, max);
                }
            } finally {
                lock.unlock();
            }
            spins = spinWhile(spins, 0);
            if (spins >= SPINS) {
                payOwedWakeUp();
            }
        }
    }

    /** Moves elements out under the lock and wakes parked senders once the queue is down to its low-water mark. */
    private int take(Object[] into, int max) {
        int n = Math.min(max, count);
        Object[] items = this.items;
        int length = items.length;
        int h = head;
        for (int i = 0; i < n; i++) {
            into[i] = items[h];
            items[h] = null;
            h = h + 1 == length ? 0 : h + 1;
        }
        head = h;
        COUNT.setOpaque(this, count - n);
        if (waitingPutters > 0) {
            if (count <= lowWater) {
                notFull.signalAll();
            } else if (n > 0) {
                OWED_WAKE_UP.set(this);
            }
        }
        return n;
    }

    /** Before this thread parks: wakes the senders of a queue it drained without waking them (holding no lock). */
    private static void payOwedWakeUp() {
        StageQueue owed = OWED_WAKE_UP.get();
        if (owed != null) {
            OWED_WAKE_UP.remove();
            owed.lock.lock();
            try {
                if (owed.waitingPutters > 0) {
                    owed.notFull.signalAll();
                }
            } finally {
                owed.lock.unlock();
            }
        }
    }

    /**
     * Waits outside the lock while the count stays at {@code stuckAt} (0: empty, else full), for at most the
     * remaining spin rounds; returns the rounds used so far.
     */
    private int spinWhile(int spins, int stuckAt) {
        while (spins < SPINS && (int) COUNT.getOpaque(this) == stuckAt) {
            if (spins++ < BUSY_SPINS) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
        return spins;
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
            COUNT.setOpaque(this, 0);
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
}
