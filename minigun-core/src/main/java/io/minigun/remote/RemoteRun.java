package io.minigun.remote;

import org.jspecify.annotations.Nullable;

import java.util.List;
import java.util.Map;

/**
 * One run of a remote stage as its transport sees it, implemented by the engine: what the transport must carry with
 * the items, and where it reports their outcomes. Reports may come from any thread, late or twice (a re-delivered
 * item): the engine takes the first outcome of each sequence and drops (and counts) the others.
 */
public interface RemoteRun {

    /** The run's id, unique across runs and instances: what the transport routes results by. */
    String runId();

    /** The parameters the run was started with (what the remote stage code sees in its run context). */
    Map<String, @Nullable Object> parameters();

    /**
     * Item {@code seq} ran: everything it emitted, all at once (so a duplicate cannot deliver half of them twice).
     *
     * @param attempts   how many times stage code ran for it (1 when it succeeded at once)
     * @param stageNanos time spent in stage code, for the stage's latency
     * @param instance   the instance that ran it (stats and logs)
     */
    void result(long seq, List<Emission> emissions, int attempts, long stageNanos, String instance);

    /** Item {@code seq} failed for good after {@code attempts} attempts (or could not be sent or decoded). */
    void failure(long seq, Throwable cause, int attempts, String instance);
}
