package io.minigun.remote;

import io.minigun.process.RemoteStageException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

/**
 * How an exception of stage code crosses to the process that started the run, for worker JVMs and transports alike:
 * as itself when it serializes and reads back, else as a {@link RemoteStageException} with its class name, message
 * and stack trace. Reading admits only {@code Throwable} subclasses and JDK types, so the bytes cannot make the
 * reader instantiate anything else.
 */
public final class RemoteFailures {
    private RemoteFailures() {
    }

    /** The exception's bytes: itself when it can be read back, else its stand-in. Never throws. */
    public static byte[] encode(Throwable failure) {
        try {
            byte[] bytes = serialize(failure);
            read(bytes); // what the reader will do: a field of a refused class fails here, not there
            return bytes;
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            RemoteStageException standIn = new RemoteStageException(failure.getClass().getName(),
                    failure.getMessage(), failure.getStackTrace());
            try {
                return serialize(standIn);
            } catch (IOException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
    }

    /** The exception {@link #encode} wrote; a {@link RemoteStageException} saying so when it cannot be read. */
    public static Throwable decode(byte[] bytes) {
        try {
            return read(bytes);
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            return new RemoteStageException("unknown", "an exception from remote stage code could not be read: " + e,
                    null);
        }
    }

    private static Throwable read(byte[] bytes) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(info -> {
                Class<?> type = info.serialClass();
                if (type == null || type.isArray() || type.isPrimitive()) {
                    return ObjectInputFilter.Status.UNDECIDED;
                }
                return Throwable.class.isAssignableFrom(type) || type == StackTraceElement.class
                        || type.getPackageName().equals("java.lang") || type.getPackageName().equals("java.util")
                        ? ObjectInputFilter.Status.ALLOWED : ObjectInputFilter.Status.REJECTED;
            });
            Object read = in.readObject();
            if (!(read instanceof Throwable throwable)) {
                throw new InvalidClassException("not a Throwable: " + (read == null ? "null" : read.getClass()));
            }
            return throwable;
        }
    }

    private static byte[] serialize(Object object) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        }
        return bytes.toByteArray();
    }
}
