package io.minigun;

import org.jspecify.annotations.Nullable;

import java.io.Serializable;

/**
 * A producer given as a supplier of items: it returns an {@link Iterable}, a {@link java.util.stream.Stream} or an
 * {@link java.util.Iterator} (or an array), and every element is emitted; {@code null} emits nothing.
 */
@FunctionalInterface
public interface ItemSource<O> extends Serializable {
    @Nullable Object items() throws Exception;
}
