package io.minigun.remote;

/**
 * Carries one remote stage's items to wherever its stage code runs, and their outcomes back. One per remote stage,
 * made by a front end (e.g. {@code minigun-kafka}'s {@code KafkaTransport}); shared by all runs of the stage, each of
 * which {@link #open opens} its own channel, so runs stay apart.
 */
public interface RemoteTransport {

    /** What the plan reports as the stage's transport, e.g. {@code "kafka"}. */
    String name();

    /**
     * Opens the channel of one run of the stage. The transport reports every sent item's outcome to {@code run},
     * from any thread, possibly more than once per sequence (at-least-once): the engine keeps the first.
     */
    RemoteChannel open(RemoteRun run);

    /**
     * How many items of one run may be sent and not yet settled (at least 1): when that many are in flight the
     * engine stops sending, the stage's queue fills and upstream blocks. 1,000 unless the transport says otherwise.
     */
    default int maxInFlight() {
        return 1000;
    }
}
