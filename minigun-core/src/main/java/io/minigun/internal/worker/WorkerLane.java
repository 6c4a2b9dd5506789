package io.minigun.internal.worker;

/**
 * One worker's share of a PROCESS stage in the engine: the counters its outcomes are added to, its latency
 * samples, and the output its emissions enter the pipeline through. Implemented by the engine; one thread (the
 * worker's reader, or the dispatcher for its own lane) writes a lane at a time.
 *
 * <p>Internal to Minigun: the engine implements it for its PROCESS stages; applications do not.
 */
public interface WorkerLane {
    void consumed(long items);

    void succeeded(long items);

    void failed(long items);

    void cancelled(long items);

    void retried(long retries);

    /** Queue elements fully handled (what the run's termination counts). */
    void completed(long elements);

    /** Whether the worker runs stage code right now (the active-workers gauge). */
    void busy(boolean busy);

    /** A latency sample standing for {@code weight} items. */
    void recordLatency(long nanos, int weight);

    /**
     * Emits what a settled item produced: along the DAG when {@code target} is null, else to that stage. Works while
     * the run stops too: the work is done, so its results arrive downstream and are cancelled there.
     */
    void emitSettled(String target, Object item);
}
