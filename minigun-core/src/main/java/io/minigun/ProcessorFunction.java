package io.minigun;

import java.io.Serializable;

/** A processor's body: receives one item and emits zero or more. */
@FunctionalInterface
public interface ProcessorFunction<I, O> extends Serializable {
    void process(I item, Output<O> out) throws Exception;
}
