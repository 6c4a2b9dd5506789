package io.minigun.benchmarks;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The six workloads of SPEC §8, with their full and smoke-run sizes and the result every implementation must
 * compute. Items are the longs {@code 0..n−1}.
 */
public enum Workload {

    /** Produce → x·2 → sum, as one fused chain. */
    LINEAR("linear", 20_000_000, 200_000),
    /** Produce → x·2 → sum, each stage on its own thread with a bounded queue between stages. */
    LINEAR_ASYNC("linear-async", 5_000_000, 100_000),
    /** Sum of {@link Work#mix(long)} over the items, with {@link Work#WORKERS} workers. */
    CPU_PARALLEL("cpu-parallel", 1_000_000, 20_000),
    /** Count of items, each blocking 1 ms in {@link Work#blockingCall(long)}, {@link Work#IO_CONCURRENCY} at once. */
    IO_BOUND("io-bound", 20_000, 2_000),
    /** Sum of the sums of batches of {@link Work#BATCH_SIZE} items. */
    BATCH("batch", 10_000_000, 200_000),
    /** Produce → x·2 in {@link Work#WORKERS} worker JVMs → sum. */
    PROCESS("process", 1_000_000, 20_000);

    private final String id;
    private final long fullSize;
    private final long quickSize;

    Workload(String id, long fullSize, long quickSize) {
        this.id = id;
        this.fullSize = fullSize;
        this.quickSize = quickSize;
    }

    /** The name used on the command line and in the table. */
    public String id() {
        return id;
    }

    /** Items per round in a full run. */
    public long fullSize() {
        return fullSize;
    }

    /** Items per round in a {@code --quick} smoke run. */
    public long quickSize() {
        return quickSize;
    }

    /** The result every implementation must answer for {@code n} items. */
    public long expected(long n) {
        return switch (this) {
            case LINEAR, LINEAR_ASYNC, PROCESS -> n * (n - 1);
            case BATCH -> n * (n - 1) / 2;
            case IO_BOUND -> n;
            case CPU_PARALLEL -> {
                long sum = 0;
                for (long x = 0; x < n; x++) {
                    sum += Work.mix(x);
                }
                yield sum;
            }
        };
    }

    /** The workload with this {@link #id()}. */
    public static Workload fromId(String id) {
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        for (Workload workload : values()) {
            if (workload.id.equals(wanted)) {
                return workload;
            }
        }
        throw new IllegalArgumentException("unknown workload '" + id + "'; known: " + ids());
    }

    /** All ids, comma-separated, for messages. */
    public static String ids() {
        return Arrays.stream(values()).map(Workload::id).collect(Collectors.joining(", "));
    }
}
