package io.minigun.stats;

import java.time.Duration;

/** Short human-readable durations for summaries: 850ns, 12.3µs, 4.5ms, 2.10s. */
final class Durations {
    private Durations() {
    }

    public static String format(Duration duration) {
        long nanos = duration.toNanos();
        if (nanos < 1_000) {
            return nanos + "ns";
        }
        if (nanos < 1_000_000) {
            return String.format("%.1fµs", nanos / 1e3);
        }
        if (nanos < 1_000_000_000) {
            return String.format("%.1fms", nanos / 1e6);
        }
        return String.format("%.2fs", nanos / 1e9);
    }
}
