package io.minigun;

import java.io.Serializable;

/** A consumer's body: receives one item and emits nothing. */
@FunctionalInterface
public interface ConsumerFunction<I> extends Serializable {
    /** Handles one item. Throwing fails the item once the stage's retries are spent. */
    void accept(I item) throws Exception;
}
