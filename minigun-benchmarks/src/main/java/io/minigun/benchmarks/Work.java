package io.minigun.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The item functions and sizes shared by every implementation, so that all of them do exactly the same work per
 * item and differ only in how items move between stages.
 */
public final class Work {

    /** Workers of the {@code cpu-parallel} and {@code process} workloads. */
    public static final int WORKERS = 2;

    /** Items in flight at once in the {@code io-bound} workload. */
    public static final int IO_CONCURRENCY = 200;

    /** Items per batch in the {@code batch} workload. */
    public static final int BATCH_SIZE = 100;

    /** Capacity of each bounded queue between two stages, for the peers that have queues. */
    public static final int QUEUE_CAPACITY = 1024;

    /** Rounds of the mix in {@link #mix(long)}; about 1 µs on a current x86 core. */
    public static final int MIX_ROUNDS = 300;

    private static final long IO_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private Work() {
    }

    /** The {@code linear} map: {@code x·2}. */
    public static long twice(long x) {
        return x * 2;
    }

    /**
     * The {@code cpu-parallel} function: {@link #MIX_ROUNDS} rounds of xorshift and a multiply, a dependent chain the
     * JIT can neither vectorise nor fold away.
     */
    public static long mix(long x) {
        long h = x + 0x9E3779B97F4A7C15L;
        for (int round = 0; round < MIX_ROUNDS; round++) {
            h ^= h << 13;
            h ^= h >>> 7;
            h ^= h << 17;
            h *= 0xBF58476D1CE4E5B9L;
        }
        return h;
    }

    /**
     * The {@code io-bound} function: blocks the calling thread for 1 ms (the simulated I/O call), then answers 1 so
     * that summing the answers counts the items. Returns early only when the thread is interrupted.
     */
    public static long blockingCall(long x) {
        long deadline = System.nanoTime() + IO_NANOS;
        for (long left = IO_NANOS; left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
        }
        return 1;
    }

    /** The {@code batch} function: the sum of one batch. */
    public static long sum(List<Long> batch) {
        long sum = 0;
        for (int i = 0, size = batch.size(); i < size; i++) {
            sum += batch.get(i);
        }
        return sum;
    }
}
