package io.minigun.internal.stats;

/**
 * Internal to Minigun, not an API: public only because the engine and its PROCESS worker JVMs, in two packages,
 * share it. It may change or go in any release.
 *
 * <p>Which items have their latency measured. Timing an item costs two {@link System#nanoTime()} calls (tens of
 * nanoseconds), so the items of a stage whose code takes nanoseconds are timed sparsely, while a slow stage, where
 * percentiles matter and timing costs nothing in comparison, has every item timed. After each timed item the
 * interval to the next one is 1 when the item took at least {@value #SLOW_NANOS} ns, else it doubles, up to
 * {@value #MAX_INTERVAL}. The timed item stands for the interval that led to it (the untimed items before it and
 * itself): that interval is its weight in {@link LatencyReservoir#record(long, int)}, so that busy time and
 * percentiles are right whatever the interval was. The weight is fixed before the item runs, so it does not favour
 * slow items.
 *
 * <p>Callers keep the countdown to the next timed item themselves (the only work on an untimed item is decrementing
 * it) and call {@link #nextInterval} after each timed item.
 */
public final class LatencySampling {
    /**
     * System property that turns latency sampling and the busy flags off JVM-wide
     * ({@code -Dminigun.stats.sampling=false}): percentiles, busy time and active workers then read zero; counts stay
     * exact. Worker JVMs are started with the parent's setting.
     */
    public static final String PROPERTY = "minigun.stats.sampling";
    /** Read once, so the JIT folds the checks away whichever way it is set. */
    public static final boolean ENABLED = !"false".equalsIgnoreCase(System.getProperty(PROPERTY));
    /** The longest interval: at least one item in {@value} is timed. */
    public static final int MAX_INTERVAL = 128;
    /** An item that took this long or longer has the next item timed too (10 µs: far above the timer's cost). */
    public static final long SLOW_NANOS = 10_000;

    private LatencySampling() {
    }

    /** The interval after a timed item that took {@code nanos}, when the interval that led to it was {@code interval}. */
    public static int nextInterval(int interval, long nanos) {
        return nanos >= SLOW_NANOS ? 1 : Math.min(interval * 2, MAX_INTERVAL);
    }
}
