package io.minigun.internal.remote;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The items of one run of a remote stage that were sent and have no outcome yet, keyed by their sequence: the bound
 * on items in flight ({@code max-in-flight}) and, because a result is accepted only while its sequence is here, the
 * dedup of at-least-once results, in O(capacity) memory whatever the run's size.
 *
 * <p>It keeps {@code InFlightWindow}'s contract without its FIFO ring (results come back out of order, and twice):
 * <ul>
 *   <li>the capacity is never exceeded: {@link #put} waits for room (backpressure: the dispatcher stops, the stage's
 *       queue fills, upstream blocks);</li>
 *   <li>each sequence settles once: a result whose sequence is not here (already settled: a re-delivery) is dropped
 *       and counted as a {@link #duplicates() duplicate}, one that arrives after close as {@link #late() late};</li>
 *   <li>once {@link #close() closed} (the run stopped) it records nothing, releases every waiter, and hands over what
 *       it held (counted cancelled or failed by the caller).</li>
 * </ul>
 * Thread-safe: the dispatcher puts, the transport's threads settle, the run's stop closes.
 */
final class RemoteWindow {
    private final int capacity;
    private final LongSupplier nanoTime;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notFull = lock.newCondition();
    private final Condition empty = lock.newCondition();
    private final Map<Long, InFlight> items = new HashMap<>();
    /** Settled by {@link #settleHeld} and not yet {@link #release released}: they still take room. */
    private final Set<Long> held = new HashSet<>();
    private boolean closed;
    private long duplicates;
    private long late;
    /** Threads waiting in {@link #put} or {@link #awaitEmpty}. */
    private int waiters;

    RemoteWindow(int capacity) {
        this(capacity, System::nanoTime);
    }

    RemoteWindow(int capacity, LongSupplier nanoTime) {
        if (capacity < 1) {
            throw new IllegalArgumentException("max-in-flight must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
        this.nanoTime = nanoTime;
    }

    int capacity() {
        return capacity;
    }

    /** Items in flight now (the in-flight gauge). */
    int size() {
        return (int) read(() -> items.size() + held.size());
    }

    boolean isClosed() {
        return read(() -> closed ? 1 : 0) == 1;
    }

    /** Results dropped because their sequence had already settled (re-deliveries, a hung worker's late results). */
    long duplicates() {
        return read(() -> duplicates);
    }

    /** Results dropped because they arrived after the window closed (the run had stopped). */
    long late() {
        return read(() -> late);
    }

    /**
     * Records item {@code seq} as in flight, first waiting for room. Returns false, recording nothing, when the window
     * is or becomes closed: the caller must not send the item.
     *
     * @throws IllegalStateException when {@code seq} is already in flight (sequences are unique within a run)
     * @throws InterruptedException  when interrupted while waiting for room; nothing is recorded
     */
    boolean put(long seq, Object item) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            waiters++;
            try {
                while (!closed && items.size() + held.size() >= capacity) {
                    notFull.await();
                }
            } finally {
                waiters--;
            }
            if (closed) {
                return false;
            }
            InFlight previous = items.putIfAbsent(seq, new InFlight(seq, item, nanoTime.getAsLong()));
            if (previous != null) {
                throw new IllegalStateException("sequence " + seq + " is already in flight");
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Settles item {@code seq}: returns it (its outcome counts) when it was in flight, else null (the outcome is
     * dropped: a duplicate, or late when the window is closed). Frees room for a waiting {@link #put}.
     */
    InFlight settle(long seq) {
        lock.lock();
        try {
            if (closed) {
                late++;
                return null;
            }
            InFlight settled = items.remove(seq);
            if (settled == null) {
                duplicates++;
                return null;
            }
            notFull.signal();
            if (items.isEmpty() && held.isEmpty()) {
                empty.signalAll();
            }
            return settled;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Settles item {@code seq} but keeps its room until {@link #release}: when it was in flight, hands it to
     * {@code handOver} (under the window's lock, so a {@link #close} can never come between the two) and returns
     * true; else counts it a duplicate, or late when closed, and returns false. So the bound covers the outcomes
     * settled but not yet delivered, and delivering can be left to another thread without losing backpressure.
     */
    boolean settleHeld(long seq, Consumer<InFlight> handOver) {
        lock.lock();
        try {
            if (closed) {
                late++;
                return false;
            }
            InFlight settled = items.remove(seq);
            if (settled == null) {
                duplicates++;
                return false;
            }
            held.add(seq);
            handOver.accept(settled);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Frees the room of an item settled by {@link #settleHeld} (nothing once closed). */
    void release(long seq) {
        lock.lock();
        try {
            if (held.remove(seq)) {
                notFull.signal();
                if (items.isEmpty() && held.isEmpty()) {
                    empty.signalAll();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until nothing is in flight (end of input: the stage may finish). Returns true when the window emptied,
     * false when it was closed first or the timeout passed (a negative timeout: no limit).
     */
    boolean awaitEmpty(long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lockInterruptibly();
        try {
            waiters++;
            try {
                while (!closed && !(items.isEmpty() && held.isEmpty())) {
                    if (timeout < 0) {
                        empty.await();
                    } else if (nanos <= 0) {
                        return false;
                    } else {
                        nanos = empty.awaitNanos(nanos);
                    }
                }
            } finally {
                waiters--;
            }
            return !closed;
        } finally {
            lock.unlock();
        }
    }

    /** The items in flight now, by sequence, the window unchanged (what a failing or cancelled run accounts for). */
    List<InFlight> inFlight() {
        lock.lock();
        try {
            return sorted(items);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Closes the window (the run stopped) and hands over the items still in flight without an outcome, by sequence
     * (the settled ones were handed over already); later calls return none. Every waiting {@link #put} returns false
     * and every {@link #awaitEmpty} false.
     */
    List<InFlight> close() {
        lock.lock();
        try {
            closed = true;
            List<InFlight> unsettled = sorted(items);
            items.clear();
            held.clear();
            notFull.signalAll();
            empty.signalAll();
            return unsettled;
        } finally {
            lock.unlock();
        }
    }

    /** Threads waiting in {@link #put} or {@link #awaitEmpty} now (tests: such a thread is surely blocked). */
    int waiters() {
        return (int) read(() -> waiters);
    }

    private long read(LongSupplier field) {
        lock.lock();
        try {
            return field.getAsLong();
        } finally {
            lock.unlock();
        }
    }

    private static List<InFlight> sorted(Map<Long, InFlight> items) {
        List<InFlight> list = new ArrayList<>(items.values());
        list.sort(Comparator.comparingLong(InFlight::seq));
        return list;
    }

    /** An item in flight: its sequence, the item (for failure accounting) and when it was sent (round-trip time). */
    record InFlight(long seq, Object item, long sentNanos) {
    }
}
