package io.minigun.gadget;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for a deserialization gadget: a serializable class, in a package no codec under test admits, whose
 * {@code readObject} (the code an attacker's class would run) leaves a trace when a stream instantiates it.
 */
public final class Gadget implements Serializable {
    private static final long serialVersionUID = 1L;

    /** How many times any stream has run this class's {@code readObject}. */
    public static final AtomicInteger READS = new AtomicInteger();

    private final String payload;

    public Gadget(String payload) {
        this.payload = payload;
    }

    public String payload() {
        return payload;
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        READS.incrementAndGet();
        in.defaultReadObject();
    }
}
