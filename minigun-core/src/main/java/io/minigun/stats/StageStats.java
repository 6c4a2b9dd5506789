package io.minigun.stats;

import java.time.Duration;

/**
 * What one stage did in one run (a snapshot; live while the run is in progress).
 *
 * <p>{@code consumed = succeeded + failed + cancelled} once the stage has ended (an accumulator's buffered items are
 * in flight until flushed). {@code retried} counts retry attempts; {@code discarded} counts items emitted with no
 * downstream stage to take them. Latencies are sampled adaptively: every item of a slow stage (10 µs or more per
 * item) is timed, down to one item in 128 of a stage whose code takes nanoseconds; each sample counts for the items
 * it stands for, so the percentiles are those of all items, and {@code busy} estimates the total time the stage's
 * code ran. Latencies exclude the time spent in fused downstream stages; items that fail are not timed.
 * {@code queued} is how many items wait in the stage's input queue and {@code activeWorkers} how many of its workers
 * are handling an item, at the moment of the snapshot.
 */
public record StageStats(
        String name,
        String pipeline,
        String kind,
        int workers,
        long produced,
        long consumed,
        long succeeded,
        long failed,
        long retried,
        long cancelled,
        long discarded,
        Duration runtime,
        Duration busy,
        Duration p50,
        Duration p90,
        Duration p95,
        Duration p99,
        long queued,
        int activeWorkers,
        boolean ended) {

    /** Items per second: produced for a producer, consumed for every other stage. */
    public double throughput() {
        double seconds = runtime.toNanos() / 1e9;
        return seconds <= 0 ? 0 : items() / seconds;
    }

    /** Percentage of processed items that succeeded; 100 when nothing was processed. */
    public double successRate() {
        long done = succeeded + failed;
        return done == 0 ? 100.0 : succeeded * 100.0 / done;
    }

    /** The items this stage handled: produced for a producer, consumed otherwise. */
    public long items() {
        return "producer".equals(kind) ? produced : consumed;
    }

    /** One line for logs and summaries. */
    public String line() {
        StringBuilder line = new StringBuilder(String.format("%-24s %-11s in=%-9d out=%-9d ok=%-9d failed=%-6d",
                name, kind, consumed, produced, succeeded, failed));
        if (retried > 0) {
            line.append(" retried=").append(retried);
        }
        if (cancelled > 0) {
            line.append(" cancelled=").append(cancelled);
        }
        if (discarded > 0) {
            line.append(" discarded=").append(discarded);
        }
        line.append(String.format(" %,.0f/s", throughput()));
        if (!p50.isZero() || !p99.isZero()) {
            line.append(String.format(" p50=%s p99=%s", Durations.format(p50), Durations.format(p99)));
        }
        return line.toString();
    }
}
