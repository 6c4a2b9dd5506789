package io.minigun.benchmarks;

import java.util.Arrays;
import java.util.Locale;

/**
 * Throughput of the measured rounds of one (workload, implementation) pair, in items per second: the median is what
 * the table reports, min and max show how noisy the machine was.
 */
public record Measurement(double median, double min, double max, int rounds) {

    private static final String PREFIX = "RESULT ";

    /** Summarises per-round throughputs. */
    public static Measurement of(double[] itemsPerSecond) {
        if (itemsPerSecond.length == 0) {
            throw new IllegalArgumentException("no measured round");
        }
        double[] sorted = itemsPerSecond.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        double median = sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return new Measurement(median, sorted[0], sorted[sorted.length - 1], sorted.length);
    }

    /** The line a forked run prints for its parent. */
    public String toLine() {
        return String.format(Locale.ROOT, "%s%.3f %.3f %.3f %d", PREFIX, median, min, max, rounds);
    }

    /** Parses {@link #toLine()}; {@code null} when the line is something else. */
    public static Measurement parseLine(String line) {
        if (!line.startsWith(PREFIX)) {
            return null;
        }
        String[] parts = line.substring(PREFIX.length()).trim().split(" ");
        if (parts.length != 4) {
            throw new IllegalArgumentException("malformed result line: " + line);
        }
        return new Measurement(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]),
                Double.parseDouble(parts[2]), Integer.parseInt(parts[3]));
    }

    /** Spread of the rounds, (max − min) ÷ median, as a fraction. */
    public double spread() {
        return median == 0 ? 0 : (max - min) / median;
    }
}
