package io.minigun;

import org.jspecify.annotations.Nullable;

import java.io.Serializable;

/** A processor given as a function: the result is emitted, and a {@code null} result emits nothing. */
@FunctionalInterface
public interface MapFunction<I, O> extends Serializable {
    @Nullable O apply(I item) throws Exception;
}
