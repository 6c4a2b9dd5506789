package io.minigun;

import java.io.Serializable;
import java.util.List;

/** An accumulator's body: receives each batch (never empty) and emits zero or more items. */
@FunctionalInterface
public interface AccumulatorFunction<I, O> extends Serializable {
    /**
     * Handles one batch, its items in arrival order. Throwing fails the whole batch (each of its items counts as
     * failed) once the stage's retries are spent.
     */
    void flush(List<I> batch, Output<O> out) throws Exception;
}
