package io.minigun.runtime;

import io.minigun.stats.LatencyReservoir;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One worker's view of a stage: its counters, its latency sample and its {@link Emitter}. Exactly one thread
 * writes a lane at a time, so counters are plain single-writer fields published with opaque stores (no atomic
 * instruction on the hot path); readers sum the lanes of a stage.
 */
final class Lane {
    /** One item in {@value} has its latency measured. */
    static final int SAMPLE_EVERY = 64;
    private static final int RESERVOIR_SIZE = 256;

    private static final VarHandle CONSUMED;
    private static final VarHandle PRODUCED;
    private static final VarHandle SUCCEEDED;
    private static final VarHandle FAILED;
    private static final VarHandle RETRIED;
    private static final VarHandle CANCELLED;
    private static final VarHandle DISCARDED;
    private static final VarHandle COMPLETED;
    private static final VarHandle BUSY;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            CONSUMED = lookup.findVarHandle(Lane.class, "consumed", long.class);
            PRODUCED = lookup.findVarHandle(Lane.class, "produced", long.class);
            SUCCEEDED = lookup.findVarHandle(Lane.class, "succeeded", long.class);
            FAILED = lookup.findVarHandle(Lane.class, "failed", long.class);
            RETRIED = lookup.findVarHandle(Lane.class, "retried", long.class);
            CANCELLED = lookup.findVarHandle(Lane.class, "cancelled", long.class);
            DISCARDED = lookup.findVarHandle(Lane.class, "discarded", long.class);
            COMPLETED = lookup.findVarHandle(Lane.class, "completed", long.class);
            BUSY = lookup.findVarHandle(Lane.class, "busy", boolean.class);
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
    /** Queue elements (items, envelopes, control tokens) this lane took and finished handling. */
    private long completed;
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
        if (--untilSample == 0) {
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
        CONSUMED.setOpaque(this, consumed + 1);
    }

    void consumed(long n) {
        CONSUMED.setOpaque(this, consumed + n);
    }

    void produced() {
        PRODUCED.setOpaque(this, produced + 1);
    }

    void succeeded(long n) {
        SUCCEEDED.setOpaque(this, succeeded + n);
    }

    void failed(long n) {
        FAILED.setOpaque(this, failed + n);
    }

    void retried() {
        RETRIED.setOpaque(this, retried + 1);
    }

    void cancelled(long n) {
        CANCELLED.setOpaque(this, cancelled + n);
    }

    void discarded() {
        DISCARDED.setOpaque(this, discarded + 1);
    }

    void completed() {
        COMPLETED.setRelease(this, completed + 1);
    }

    void completed(long n) {
        COMPLETED.setRelease(this, completed + n);
    }

    void retried(long n) {
        RETRIED.setOpaque(this, retried + n);
    }

    void busy(boolean value) {
        BUSY.setOpaque(this, value);
    }

    boolean isBusy() {
        return (boolean) BUSY.getOpaque(this);
    }

    long consumedCount() {
        return (long) CONSUMED.getOpaque(this);
    }

    long producedCount() {
        return (long) PRODUCED.getOpaque(this);
    }

    long succeededCount() {
        return (long) SUCCEEDED.getOpaque(this);
    }

    long failedCount() {
        return (long) FAILED.getOpaque(this);
    }

    long retriedCount() {
        return (long) RETRIED.getOpaque(this);
    }

    long cancelledCount() {
        return (long) CANCELLED.getOpaque(this);
    }

    long discardedCount() {
        return (long) DISCARDED.getOpaque(this);
    }

    long completedCount() {
        return (long) COMPLETED.getAcquire(this);
    }
}
