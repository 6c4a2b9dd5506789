package io.minigun;

import java.io.Serializable;

/** A consumer's body: receives one item and emits nothing. */
@FunctionalInterface
public interface ConsumerFunction<I> extends Serializable {
    void accept(I item) throws Exception;
}
