package io.minigun.internal.worker;

/**
 * How long an item of a PROCESS stage takes in stage code, from the workers' latency samples, and so how many items a
 * worker may hold: about {@value #TARGET_IN_FLIGHT_NANOS} ns of work, so that small items travel in full frames and
 * slow ones are spread over every worker.
 */
final class ItemCost {
    /** Items in flight per worker while nothing is known of their cost: a slow first item starves no worker. */
    static final int INITIAL_LIMIT = 2;
    /** Work in flight per worker: enough to hide a round trip through the pipe, little enough to spread slow items. */
    static final long TARGET_IN_FLIGHT_NANOS = 2_000_000;

    private final int maxLimit;
    private final boolean adaptive;
    /** Moving average of an item's time in stage code; -1 until the first sample. */
    private volatile long itemNanos = -1;

    private ItemCost(int maxLimit, boolean adaptive) {
        this.maxLimit = maxLimit;
        this.adaptive = adaptive;
    }

    /** A limit from the items' cost, up to {@code maxLimit}. */
    static ItemCost adaptive(int maxLimit) {
        return new ItemCost(maxLimit, true);
    }

    /** Always {@code limit}: an accumulator must hold whole batches, whatever its items cost. */
    static ItemCost fixed(int limit) {
        return new ItemCost(limit, false);
    }

    /** A worker reported how long an item took (readers of several workers may race: an average is an average). */
    void sample(long nanos) {
        long previous = itemNanos;
        itemNanos = previous < 0 ? nanos : previous - (previous >> 3) + (nanos >> 3);
    }

    /** How many items one worker may hold now. */
    int limit() {
        if (!adaptive) {
            return maxLimit;
        }
        long nanos = itemNanos;
        if (nanos < 0) {
            return INITIAL_LIMIT;
        }
        long items = TARGET_IN_FLIGHT_NANOS / Math.max(1, nanos);
        return (int) Math.max(INITIAL_LIMIT, Math.min(maxLimit, items));
    }
}
