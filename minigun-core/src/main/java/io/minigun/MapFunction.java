package io.minigun;

import org.jspecify.annotations.Nullable;

import java.io.Serializable;

/** A processor given as a function: the result is emitted, and a {@code null} result emits nothing. */
@FunctionalInterface
public interface MapFunction<I, O> extends Serializable {
    /**
     * The item to emit for {@code item}, or {@code null} for none. Throwing fails the item once the stage's retries
     * are spent.
     */
    @Nullable O apply(I item) throws Exception;
}
