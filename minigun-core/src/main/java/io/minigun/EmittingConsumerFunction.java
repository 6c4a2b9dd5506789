package io.minigun;

import java.io.Serializable;

/** A consumer that may also emit, for example to a nested pipeline's exit. */
@FunctionalInterface
public interface EmittingConsumerFunction<I, O> extends Serializable {
    /** Handles one item, emitting to {@code out}. Throwing fails the item once the stage's retries are spent. */
    void accept(I item, Output<O> out) throws Exception;
}
