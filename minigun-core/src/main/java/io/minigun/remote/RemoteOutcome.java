package io.minigun.remote;

import org.jspecify.annotations.Nullable;

import java.util.List;

/**
 * What one item of a remote stage came to where it ran: its emissions when it succeeded, or the failure that ended
 * its last attempt. What a transport carries back and reports to {@link RemoteRun#result} or {@link RemoteRun#failure}.
 *
 * @param emissions  everything the succeeding attempt emitted, in order (empty when it failed)
 * @param failure    the last attempt's error; {@code null} when it succeeded
 * @param attempts   how many times stage code ran for the item
 * @param stageNanos time the succeeding attempt spent in stage code (0 when it failed)
 */
public record RemoteOutcome(List<Emission> emissions, @Nullable Throwable failure, int attempts, long stageNanos) {
    public RemoteOutcome {
        emissions = List.copyOf(emissions);
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
        }
    }


    /** Whether the item succeeded. */
    public boolean succeeded() {
        return failure == null;
    }

    /** Reports this outcome of item {@code seq} to {@code run}. */
    public void reportTo(RemoteRun run, long seq, String instance) {
        if (failure == null) {
            run.result(seq, emissions, attempts, stageNanos, instance);
        } else {
            run.failure(seq, failure, attempts, instance);
        }
    }
}
