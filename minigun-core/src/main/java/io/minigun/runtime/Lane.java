package io.minigun.runtime;

import io.minigun.stats.LatencyReservoir;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One worker's view of a stage: its counters, its latency sample and its {@link Emitter}. Exactly one thread
 * writes a lane at a time, so the item counters are plain single-writer fields: no atomic instruction and no
 * memory barrier on the hot path, and nothing that eats the JIT's inlining budget (opaque VarHandle stores cost
 * a third of the fused path's throughput). Readers sum the lanes of a stage and may see a count a few items
 * old, never a torn one (HotSpot's 64-bit stores are atomic). {@link #completedCount()}, which termination relies
 * on, keeps release/acquire ordering.
 */
final class Lane {
    /** One item in {@value} has its latency measured. */
    static final int SAMPLE_EVERY = 128;
    /**
     * System property that turns latency sampling and the busy flags off JVM-wide
     * ({@code -Dminigun.stats.sampling=false}): percentiles, busy time and active workers then read zero; counts stay
     * exact.
     */
    static final String SAMPLING_PROPERTY = "minigun.stats.sampling";
    /** Read once, so the JIT folds the checks away whichever way it is set. */
    static final boolean SAMPLING = !"false".equalsIgnoreCase(System.getProperty(SAMPLING_PROPERTY));
    private static final int RESERVOIR_SIZE = 256;

    private static final VarHandle COMPLETED;

    static {
        try {
            COMPLETED = MethodHandles.lookup().findVarHandle(Lane.class, "completed", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final StageRuntime stage;
    final Emitter output;
    final LatencyReservoir latencies = new LatencyReservoir(RESERVOIR_SIZE);

    private long consumed;
    private long produced;
    private long succeeded;
    private long failed;
    private long retried;
    private long cancelled;
    private long discarded;
    /**
     * Queue elements (items, envelopes, control tokens) this lane took and finished handling. Written with release
     * stores; read as a volatile field (a plain load on x86 that the JIT always inlines, unlike a VarHandle read).
     */
    private volatile long completed;
    /** Whether the lane is running stage code right now (for the active-workers gauge). */
    private boolean busy;

    /** Whether the item in hand is being timed, and how long colocated downstream calls took meanwhile. */
    boolean sampling;
    long downstreamNanos;
    private int untilSample = 1;

    Lane(StageRuntime stage) {
        this.stage = stage;
        this.output = new Emitter(stage, this);
    }

    /** Decides whether the next item is timed. */
    boolean startSample() {
        if (SAMPLING && --untilSample == 0) {
            untilSample = SAMPLE_EVERY;
            downstreamNanos = 0;
            sampling = true;
            return true;
        }
        return false;
    }

    void endSample(long elapsedNanos) {
        sampling = false;
        latencies.record(Math.max(0, elapsedNanos - downstreamNanos));
    }

    void consumed() {
        consumed += 1;
    }

    void consumed(long n) {
        consumed += n;
    }

    void produced() {
        produced += 1;
    }

    void succeeded(long n) {
        succeeded += n;
    }

    void failed(long n) {
        failed += n;
    }

    void retried() {
        retried += 1;
    }

    void cancelled(long n) {
        cancelled += n;
    }

    void discarded() {
        discarded += 1;
    }

    void completed() {
        COMPLETED.setRelease(this, completed + 1);
    }

    void completed(long n) {
        COMPLETED.setRelease(this, completed + n);
    }

    void retried(long n) {
        retried += n;
    }

    void busy(boolean value) {
        if (SAMPLING) {
            busy = value;
        }
    }

    boolean isBusy() {
        return busy;
    }

    long consumedCount() {
        return consumed;
    }

    long producedCount() {
        return produced;
    }

    long succeededCount() {
        return succeeded;
    }

    long failedCount() {
        return failed;
    }

    long retriedCount() {
        return retried;
    }

    long cancelledCount() {
        return cancelled;
    }

    long discardedCount() {
        return discarded;
    }

    long completedCount() {
        return completed;
    }
}
