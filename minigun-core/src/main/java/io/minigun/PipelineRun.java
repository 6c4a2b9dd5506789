package io.minigun;

import io.minigun.stats.LiveStats;
import io.minigun.stats.PipelineStats;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/** A run in progress: await it, watch its live stats, or cancel it. */
public interface PipelineRun {

    /** The unique id of this run, as stage code sees it in {@link RunContext#runId()}. */
    String id();

    /** The root pipeline's name. */
    String pipeline();

    /**
     * Waits for the run to end.
     *
     * @throws PipelineExecutionException when the run {@link RunStatus#FAILED}; its {@code result()} carries the result
     */
    RunResult await();

    /**
     * Waits at most {@code timeout} for the run to end.
     *
     * @throws TimeoutException when it is still running
     */
    RunResult await(Duration timeout) throws TimeoutException;

    /** Stops producers, drains queues (items counted as cancelled) and ends the run {@link RunStatus#CANCELLED}. */
    void cancel();

    /** Live stats. */
    PipelineStats stats();

    /**
     * Totals so far and rates over a sliding window of the last seconds (per stage: items in and out, failures and
     * retries per second, queue fill, busy and blocked fractions, recent p50/p99; the bottleneck), computed by the
     * engine; cheap enough to read every second.
     */
    LiveStats liveStats();

    /** Whether the run has ended, whatever its status. */
    boolean isDone();

    /** The result, once the run has ended. */
    Optional<RunResult> result();
}
