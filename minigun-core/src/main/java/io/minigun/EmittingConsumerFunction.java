package io.minigun;

import java.io.Serializable;

/** A consumer that may also emit, for example to a nested pipeline's exit. */
@FunctionalInterface
public interface EmittingConsumerFunction<I, O> extends Serializable {
    void accept(I item, Output<O> out) throws Exception;
}
