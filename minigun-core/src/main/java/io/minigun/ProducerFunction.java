package io.minigun;

import java.io.Serializable;

/** A producer's body: runs once per run and emits items. */
@FunctionalInterface
public interface ProducerFunction<O> extends Serializable {
    /**
     * Emits the run's items to {@code out}; the producer ends when this returns. Throwing ends the producer with a
     * stage-level failure in the run's result; what it emitted before is still processed.
     */
    void produce(Output<O> out) throws Exception;
}
