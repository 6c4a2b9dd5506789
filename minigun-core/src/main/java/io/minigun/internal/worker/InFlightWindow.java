package io.minigun.internal.worker;

/**
 * The items one worker JVM holds, oldest first, from the moment they are sent until the worker settles them, so that
 * a worker that dies loses nothing: whoever replaces it takes them over with their attempt counts.
 *
 * <p>The window has a fixed capacity that {@link #record} never exceeds. Once {@link #close() closed} (its worker is
 * dead or stopped) it accepts nothing more, so an item can never be recorded on a worker whose items were already
 * handed over. Accumulator receipts (items a worker has buffered, which count as handled before they are settled)
 * travel with the items, so that a replacement does not count them twice.
 */
final class InFlightWindow {
    private final Object[] items;
    private final int[] attempts;
    /** Whether the item was sent alone, so that a crash while it is oldest is surely its doing. */
    private final boolean[] alone;
    private int head;
    private int size;
    /** Accumulators: items at the front already counted as handled when an earlier worker received them. */
    private int countedAhead;
    private int receivedNotSettled;
    private boolean closed;

    InFlightWindow(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.items = new Object[capacity];
        this.attempts = new int[capacity];
        this.alone = new boolean[capacity];
    }

    int capacity() {
        return items.length;
    }

    synchronized int size() {
        return size;
    }

    synchronized int free() {
        return closed ? 0 : items.length - size;
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /**
     * Records {@code count} items, the ones of {@code batch} at {@code indexes[0..count)}, with their attempts
     * ({@code null}: first attempt). Returns false, recording nothing, when the window is closed.
     *
     * @throws IllegalStateException when the items do not fit: the sender must never send more than {@link #free()}
     */
    synchronized boolean record(Object[] batch, int[] batchAttempts, int[] indexes, int count) {
        if (closed) {
            return false;
        }
        if (count > items.length - size) {
            throw new IllegalStateException("in-flight window overrun: " + count + " items sent to a worker with "
                    + (items.length - size) + " free of " + items.length);
        }
        for (int k = 0; k < count; k++) {
            int i = indexes[k];
            int at = (head + size) % items.length;
            items[at] = batch[i];
            attempts[at] = batchAttempts == null ? 0 : batchAttempts[i];
            alone[at] = count == 1;
            size++;
        }
        return true;
    }

    /**
     * The worker settled its oldest {@code count} items; returns them when {@code keep} (to report a failure), else
     * null.
     *
     * @throws IllegalStateException when the worker settles more than it holds (a protocol error)
     */
    synchronized Object[] settle(int count, boolean keep) {
        if (count > size) {
            throw new IllegalStateException("a worker settled " + count + " items but holds " + size);
        }
        Object[] settled = keep ? new Object[count] : null;
        for (int i = 0; i < count; i++) {
            if (keep) {
                settled[i] = items[head];
            }
            items[head] = null;
            head = head + 1 == items.length ? 0 : head + 1;
        }
        size -= count;
        receivedNotSettled = Math.max(0, receivedNotSettled - count);
        return settled;
    }

    /** Accumulators: the worker buffered {@code count} more items; returns how many of them count as handled now. */
    synchronized int received(int count) {
        int skip = Math.min(count, countedAhead);
        countedAhead -= skip;
        receivedNotSettled += count;
        return count - skip;
    }

    /** Items at the front that an earlier worker already reported as received (so they are not counted again). */
    synchronized void countAhead(int counted) {
        countedAhead += counted;
    }

    /** Closes the window and hands over every item it held, oldest first, with the receipts already counted. */
    synchronized Held close() {
        closed = true;
        Object[] heldItems = new Object[size];
        int[] heldAttempts = new int[size];
        boolean headAlone = size > 0 && alone[head];
        for (int i = 0; i < size; i++) {
            int at = (head + i) % items.length;
            heldItems[i] = items[at];
            heldAttempts[i] = attempts[at];
            items[at] = null;
        }
        Held held = new Held(heldItems, heldAttempts, receivedNotSettled + countedAhead, headAlone);
        size = 0;
        receivedNotSettled = 0;
        countedAhead = 0;
        return held;
    }

    /**
     * Items a closed window held, how many of them were already counted as received, and whether the oldest was sent
     * alone (then a crash happened while it was in hand).
     */
    record Held(Object[] items, int[] attempts, int received, boolean headAlone) {
    }
}
