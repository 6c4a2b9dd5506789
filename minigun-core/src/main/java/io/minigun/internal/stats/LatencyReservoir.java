package io.minigun.internal.stats;

import java.util.Arrays;
import java.util.List;

/**
 * A fixed-size uniform sample of latency samples (reservoir sampling), so percentiles cost bounded memory however
 * many items pass. Each sample has a weight, the number of items it stands for (see {@link LatencySampling}); the
 * reservoir keeps every sample with the same chance whatever its weight, and its weight with it. It also keeps the
 * last {@value #RECENT} samples in order, for percentiles over a recent window ({@link #recentSince}). Single writer;
 * readers take a {@link #snapshot()} copy under the same monitor.
 */
public final class LatencyReservoir {
    /** How many of the latest samples are kept in order (a power of two). */
    public static final int RECENT = 64;
    private final long[] samples;
    private final int[] weights;
    private final long[] recentNanos = new long[RECENT];
    private final int[] recentWeights = new int[RECENT];
    private long observations;
    private long items;
    private long totalNanos;
    private long seed = 0x9E3779B97F4A7C15L;

    public LatencyReservoir(int size) {
        this.samples = new long[size];
        this.weights = new int[size];
    }

    /** Records a sample of {@code nanos} that stands for {@code weight} items. */
    public synchronized void record(long nanos, int weight) {
        long n = observations++;
        items += weight;
        totalNanos += nanos * weight;
        recentNanos[(int) n & (RECENT - 1)] = nanos;
        recentWeights[(int) n & (RECENT - 1)] = weight;
        int slot;
        if (n < samples.length) {
            slot = (int) n;
        } else {
            seed ^= seed << 13;
            seed ^= seed >>> 7;
            seed ^= seed << 17;
            long at = Math.floorMod(seed, n + 1);
            if (at >= samples.length) {
                return;
            }
            slot = (int) at;
        }
        samples[slot] = nanos;
        weights[slot] = weight;
    }

    /** The samples kept so far, with the items and time that every sample recorded stands for. */
    public synchronized Snapshot snapshot() {
        int kept = (int) Math.min(observations, samples.length);
        return new Snapshot(Arrays.copyOf(samples, kept), Arrays.copyOf(weights, kept), items, totalNanos);
    }

    /** The estimated time of every item recorded so far (each sample times its weight). */
    public synchronized long totalNanos() {
        return totalNanos;
    }

    /** How many samples were recorded so far (a position for {@link #recentSince}). */
    public synchronized long observations() {
        return observations;
    }

    /**
     * The samples recorded since the {@code observation}th (at most the last {@value #RECENT}), with their weights;
     * {@code items} and {@code totalNanos} are those of the samples returned.
     */
    public synchronized Snapshot recentSince(long observation) {
        int kept = (int) Math.max(0, Math.min(RECENT, observations - observation));
        long[] nanos = new long[kept];
        int[] weight = new int[kept];
        long itemsKept = 0;
        long nanosKept = 0;
        for (int i = 0; i < kept; i++) {
            int slot = (int) (observations - kept + i) & (RECENT - 1);
            nanos[i] = recentNanos[slot];
            weight[i] = recentWeights[slot];
            itemsKept += weight[i];
            nanosKept += nanos[i] * weight[i];
        }
        return new Snapshot(nanos, weight, itemsKept, nanosKept);
    }

    /**
     * Weighted nearest-rank percentiles of the items that several reservoirs (a stage's lanes) stand for: the
     * {@code p}th percentile is the smallest latency at or below which at least {@code p} % of the items fall. The
     * samples a reservoir kept stand for all the items it recorded, so reservoirs that recorded more count for more.
     *
     * @return one latency in nanoseconds per percent, in order; zeros when no sample was recorded
     */
    public static long[] percentiles(List<Snapshot> snapshots, int... percents) {
        int count = 0;
        long items = 0;
        for (Snapshot snapshot : snapshots) {
            count += snapshot.nanos().length;
            items += snapshot.items();
        }
        long[] result = new long[percents.length];
        if (count == 0 || items == 0) {
            return result;
        }
        long[] nanos = new long[count];
        double[] weight = new double[count];
        int at = 0;
        for (Snapshot snapshot : snapshots) {
            long kept = 0;
            for (int w : snapshot.weights()) {
                kept += w;
            }
            double scale = kept == 0 ? 0 : (double) snapshot.items() / kept;
            for (int i = 0; i < snapshot.nanos().length; i++) {
                nanos[at] = snapshot.nanos()[i];
                weight[at++] = snapshot.weights()[i] * scale;
            }
        }
        Integer[] order = new Integer[count];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Long.compare(nanos[a], nanos[b]));
        for (int p = 0; p < percents.length; p++) {
            // the rank of the item sought, 1-based; the tolerance absorbs the rounding of scaled weights
            double rank = Math.max(1, Math.ceil(percents[p] * (double) items / 100)) * (1 - 1e-9);
            double cumulative = 0;
            long value = nanos[order[count - 1]];
            for (int i = 0; i < count; i++) {
                cumulative += weight[order[i]];
                if (cumulative >= rank) {
                    value = nanos[order[i]];
                    break;
                }
            }
            result[p] = value;
        }
        return result;
    }

    /**
     * A copy of a reservoir.
     *
     * @param nanos      the samples kept, unsorted
     * @param weights    the weight of each sample kept
     * @param items      the items that all samples recorded stand for (the sum of their weights)
     * @param totalNanos the estimated time of those items (the sum of each sample times its weight)
     */
    public record Snapshot(long[] nanos, int[] weights, long items, long totalNanos) {
    }
}
