package io.minigun;

import java.io.Serializable;

/** A producer's body: runs once per run and emits items. */
@FunctionalInterface
public interface ProducerFunction<O> extends Serializable {
    void produce(Output<O> out) throws Exception;
}
