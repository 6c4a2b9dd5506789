package io.minigun.internal.runtime;

/** Elements that travel through stage queues besides items. */
sealed interface Control {

    /** End of input for {@code stage}, put by {@link Termination} once the run is quiet. */
    record EndOf(StageRuntime stage) implements Control {
    }

    /** An item routed dynamically, from another thread, to a stage fused into the queue owner's worker. */
    record Routed(StageRuntime stage, Object item) implements Control {
    }
}
