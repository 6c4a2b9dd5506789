package io.minigun;

import java.io.Serializable;

/** A processor given as a function: the result is emitted, and a {@code null} result emits nothing. */
@FunctionalInterface
public interface MapFunction<I, O> extends Serializable {
    O apply(I item) throws Exception;
}
