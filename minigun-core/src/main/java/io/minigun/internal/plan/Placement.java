package io.minigun.internal.plan;

/** How the plan runs one stage. */
public enum Placement {
    /** A producer on its own thread. */
    PRODUCER,
    /** An input queue drained by the stage's own worker threads. */
    WORKERS,
    /** An input queue whose items are handed to a bounded set of lanes: virtual threads or a shared named pool. */
    DISPATCH,
    /** Fused with its upstream: called directly in the upstream's worker, no queue. */
    COLOCATED,
    /**
     * An input queue with no thread of its own, behind a stage with several workers: whichever of their threads puts
     * an item and finds nobody draining drains it, one element at a time, in order.
     */
    DRAIN,
    /** An input queue whose items are dealt to worker JVMs. */
    PROCESS,
    /**
     * An input queue whose items are sent through the stage's {@link io.minigun.remote.RemoteTransport} to run
     * elsewhere (e.g. other instances, over Kafka); never fused, and its code is never single-threaded.
     */
    REMOTE,
    /** Called directly in whichever thread emits to it (serialized when several threads can). */
    INLINE,
    /** The internal entrance of a nested pipeline: distributes items in the sender's thread. */
    ROUTER,
    /** {@code forceInline}: everything runs on the caller's thread, in a deterministic order. */
    CALLER
}
