package io.minigun;

import java.io.Serializable;
import java.util.List;

/** An accumulator's body: receives each batch (never empty) and emits zero or more items. */
@FunctionalInterface
public interface AccumulatorFunction<I, O> extends Serializable {
    void flush(List<I> batch, Output<O> out) throws Exception;
}
