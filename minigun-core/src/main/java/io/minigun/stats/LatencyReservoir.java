package io.minigun.stats;

import java.util.Arrays;

/**
 * A fixed-size uniform sample of latencies (reservoir sampling), so percentiles cost bounded memory however many
 * items pass. Single writer; readers take a {@link #snapshot()} copy under the same monitor.
 */
public final class LatencyReservoir {
    private final long[] samples;
    private long observations;
    private long totalNanos;
    private long seed = 0x9E3779B97F4A7C15L;

    public LatencyReservoir(int size) {
        this.samples = new long[size];
    }

    public synchronized void record(long nanos) {
        long n = observations++;
        totalNanos += nanos;
        if (n < samples.length) {
            samples[(int) n] = nanos;
        } else {
            seed ^= seed << 13;
            seed ^= seed >>> 7;
            seed ^= seed << 17;
            long slot = Math.floorMod(seed, n + 1);
            if (slot < samples.length) {
                samples[(int) slot] = nanos;
            }
        }
    }

    /** The samples kept so far (unsorted copy). */
    public synchronized long[] snapshot() {
        return Arrays.copyOf(samples, (int) Math.min(observations, samples.length));
    }

    public synchronized long observations() {
        return observations;
    }

    public synchronized long totalNanos() {
        return totalNanos;
    }
}
