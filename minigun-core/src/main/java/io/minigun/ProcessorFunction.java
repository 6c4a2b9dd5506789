package io.minigun;

import java.io.Serializable;

/** A processor's body: receives one item and emits zero or more. */
@FunctionalInterface
public interface ProcessorFunction<I, O> extends Serializable {
    /**
     * Handles one item, emitting zero or more to {@code out}. Throwing fails the item once the stage's retries are
     * spent.
     */
    void process(I item, Output<O> out) throws Exception;
}
