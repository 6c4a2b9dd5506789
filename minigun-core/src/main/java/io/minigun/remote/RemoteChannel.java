package io.minigun.remote;

/**
 * One run's way out to the remote stage code, implemented by the transport. The engine's dispatcher (one thread)
 * sends each item once with a sequence unique within the run; the transport reports its outcome to the
 * {@link RemoteRun} it was opened with.
 */
public interface RemoteChannel extends AutoCloseable {

    /**
     * Sends one item. May return before it is delivered; a send that fails later is reported as the item's failure
     * ({@link RemoteRun#failure}). Never blocks on the remote stage code: the engine bounds the items in flight.
     */
    void send(long seq, Object item);

    /**
     * The run stopped (cancelled or failed): tells the remote side to skip the run's items not yet run. Results that
     * still arrive are ignored by the engine.
     */
    void cancel();

    /** The run is done with the stage: releases what the channel holds. Called once, after {@link #cancel} if any. */
    @Override
    void close();
}
