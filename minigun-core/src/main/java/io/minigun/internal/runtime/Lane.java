package io.minigun.internal.runtime;

import io.minigun.internal.worker.WorkerLane;

import io.minigun.internal.stats.LatencyReservoir;
import io.minigun.internal.stats.LatencySampling;

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
final class Lane implements WorkerLane {
    /** Whether latency sampling and the busy flags are on: {@link LatencySampling#PROPERTY}. */
    static final boolean SAMPLING = LatencySampling.ENABLED;
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
    /** What the stage's code emits to; replaced by a {@link FusedEmitter} when wiring finds a fused hop. */
    Emitter output;
    final LatencyReservoir latencies = new LatencyReservoir(RESERVOIR_SIZE);

    private long consumed;
    private long produced;
    private long succeeded;
    private long failed;
    private long retried;
    private long cancelled;
    private long discarded;
    /** Time this lane waited for room in a full downstream queue (measured only when a queue was full). */
    private long blockedNanos;
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
    /** Items until the next timed one, and the interval it stands for ({@link LatencySampling}). */
    private int untilSample = 1;
    private int sampleInterval = 1;
    /** The weight of the item in hand when it is timed, and whether the timing was decided upstream. */
    private int sampleWeight;
    private boolean inheritedSample;

    Lane(StageRuntime stage) {
        this.stage = stage;
        this.output = new Emitter(stage, this);
    }

    /**
     * Decides whether the next item is timed: one decrement unless it is. The countdown restarts here, so an item
     * that fails or is cancelled (not recorded, see {@link #endSample}) leaves the next ones timed as before.
     */
    boolean startSample() {
        if (SAMPLING && --untilSample == 0) {
            untilSample = sampleInterval;
            sampleWeight = sampleInterval;
            inheritedSample = false;
            downstreamNanos = 0;
            sampling = true;
            return true;
        }
        return false;
    }

    /**
     * The item in hand came from {@code upstream}'s timed item through a fused hop, so it is timed too and stands for
     * as many items as that one: a fused chain decides once per item, at its first stage, and its other hops carry
     * no countdown of their own.
     */
    void inheritSample(Lane upstream) {
        sampleWeight = upstream.sampleWeight;
        inheritedSample = true;
        downstreamNanos = 0;
        sampling = true;
    }

    /**
     * The timed item succeeded: records its own time (without its fused downstream's) with its weight. A lane that
     * decided the timing sets its interval from the whole span, fused downstream included, so that a slow stage
     * fused behind a fast one still has every item timed.
     */
    void endSample(long elapsedNanos) {
        sampling = false;
        latencies.record(Math.max(0, elapsedNanos - downstreamNanos), sampleWeight);
        if (!inheritedSample) {
            sampleInterval = LatencySampling.nextInterval(sampleInterval, elapsedNanos);
            untilSample = sampleInterval;
        }
    }

    void consumed() {
        consumed += 1;
    }

    @Override
    public void consumed(long n) {
        consumed += n;
    }

    void produced() {
        produced += 1;
    }

    @Override
    public void succeeded(long n) {
        succeeded += n;
    }

    @Override
    public void failed(long n) {
        failed += n;
    }

    void retried() {
        retried += 1;
    }

    @Override
    public void cancelled(long n) {
        cancelled += n;
    }

    void discarded() {
        discarded += 1;
    }

    void completed() {
        COMPLETED.setRelease(this, completed + 1);
    }

    @Override
    public void completed(long n) {
        COMPLETED.setRelease(this, completed + n);
    }

    @Override
    public void retried(long n) {
        retried += n;
    }

    @Override
    public void busy(boolean value) {
        if (SAMPLING) {
            busy = value;
        }
    }

    @Override
    public void recordLatency(long nanos, int weight) {
        latencies.record(nanos, weight);
    }

    @Override
    public void emitSettled(String target, Object item) {
        output.emitSettled(target, item);
    }

    void blocked(long nanos) {
        blockedNanos += nanos;
    }

    long blockedNanos() {
        return blockedNanos;
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
