package io.minigun;

import java.io.Serializable;

/** A loop stage's body: owns the loop over its input, for custom logic such as de-duplication or timed windows. */
@FunctionalInterface
public interface LoopFunction<I, O> extends Serializable {
    void run(Input<I> in, Output<O> out) throws Exception;
}
