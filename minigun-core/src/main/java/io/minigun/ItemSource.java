package io.minigun;

import org.jspecify.annotations.Nullable;

import java.io.Serializable;

/**
 * A producer given as a supplier of items: it returns an {@link Iterable}, a {@link java.util.stream.Stream} or an
 * {@link java.util.Iterator} (or an array), and every element is emitted; {@code null} emits nothing. Elements are
 * items, so never {@code null}: a {@code null} element fails the producer there (see {@link Output#emit}).
 */
@FunctionalInterface
public interface ItemSource<O> extends Serializable {
    /**
     * The items to emit, called once per run. Throwing ends the producer with a failure in the run's result, as
     * a producer's body throwing does.
     */
    @Nullable Object items() throws Exception;
}
