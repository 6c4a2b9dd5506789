package io.minigun;

import java.io.Serializable;

/** A loop stage's body: owns the loop over its input, for custom logic such as de-duplication or timed windows. */
@FunctionalInterface
public interface LoopFunction<I, O> extends Serializable {
    /**
     * Runs once for the whole stream: takes items from {@code in} until it ends, emits to {@code out}. Returning
     * before the input ends counts the items never read as failed; throwing fails the stage.
     */
    void run(Input<I> in, Output<O> out) throws Exception;
}
