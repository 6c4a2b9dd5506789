package io.minigun;

import java.io.Serializable;

/**
 * A producer given as a supplier of items: it returns an {@link Iterable}, a {@link java.util.stream.Stream} or an
 * {@link java.util.Iterator}, and every element is emitted.
 */
@FunctionalInterface
public interface ItemSource<O> extends Serializable {
    Object items() throws Exception;
}
