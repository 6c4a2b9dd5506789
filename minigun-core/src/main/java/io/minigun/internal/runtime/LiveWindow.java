package io.minigun.internal.runtime;

/**
 * The sliding window behind live stats: a small ring of timestamped copies of cumulative counters. Rates are the
 * difference between the counters now and a kept copy from up to {@link #WINDOW_NANOS} ago, divided by the time
 * between them; a copy is kept at most every {@link #STEP_NANOS}, when live stats are read, so a run nobody watches
 * pays nothing. Times are {@link System#nanoTime()} values passed in, so the arithmetic is testable without a clock.
 */
final class LiveWindow {
    /** The window rates are computed over. */
    static final long WINDOW_NANOS = 5_000_000_000L;
    /** The least time between two kept copies. */
    static final long STEP_NANOS = 250_000_000L;
    private static final int CAPACITY = (int) (WINDOW_NANOS / STEP_NANOS) + 2;

    private final long[] times = new long[CAPACITY];
    private final long[][] values = new long[CAPACITY][];
    /** Kept copies, oldest first from {@code oldest}. */
    private int size;
    private int oldest;

    /**
     * Cumulative counters at one instant.
     *
     * @param nanos  when they were read
     * @param values the counters (the reader decides the layout)
     */
    record Sample(long nanos, long[] values) {
        /** {@code values[i]} per second from {@code base} to this sample; 0 when no time passed. */
        double rate(Sample base, int i) {
            long nanos = this.nanos - base.nanos;
            return nanos <= 0 ? 0 : Math.max(0, values[i] - base.values[i]) * 1e9 / nanos;
        }

        /** How much {@code values[i]} grew since {@code base}. */
        long delta(Sample base, int i) {
            return Math.max(0, values[i] - base.values[i]);
        }
    }

    /**
     * Returns the copy to compute rates against at {@code current}: {@code origin} (the run's start, all zeros) while
     * the run is younger than a window, else the oldest copy kept that is at most a window old, else the newest copy
     * kept (a run not read for a while). Then keeps {@code current} if the newest copy is at least a step older.
     */
    synchronized Sample advance(Sample current, Sample origin) {
        Sample base = baseline(current.nanos(), origin);
        if (size == 0 || current.nanos() - times[index(size - 1)] >= STEP_NANOS) {
            keep(current);
        }
        return base;
    }

    private Sample baseline(long now, Sample origin) {
        if (now - origin.nanos() <= WINDOW_NANOS) {
            return origin;
        }
        for (int i = 0; i < size; i++) {
            int at = index(i);
            if (now - times[at] <= WINDOW_NANOS) {
                return new Sample(times[at], values[at]);
            }
        }
        if (size > 0) {
            int newest = index(size - 1);
            return new Sample(times[newest], values[newest]);
        }
        return origin;
    }

    private void keep(Sample sample) {
        if (size == CAPACITY) {
            oldest = (oldest + 1) % CAPACITY;
            size--;
        }
        int at = index(size);
        times[at] = sample.nanos();
        values[at] = sample.values().clone();
        size++;
    }

    private int index(int i) {
        return (oldest + i) % CAPACITY;
    }
}
