package io.minigun.internal.worker;

import io.minigun.process.RemoteStageException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

/** Moves exceptions across the pipe: as themselves when they serialize, else as a {@link RemoteStageException}. */
final class Throwables {
    private Throwables() {
    }

    public static byte[] encode(Throwable t) {
        try {
            return serialize(t);
        } catch (IOException | RuntimeException e) {
            RemoteStageException standIn = new RemoteStageException(t.getClass().getName(), t.getMessage(),
                    t.getStackTrace());
            try {
                return serialize(standIn);
            } catch (IOException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
    }

    /** Decodes an exception; only {@code Throwable} subclasses and JDK types are admitted. */
    public static Throwable decode(byte[] bytes) {
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
            return (Throwable) in.readObject();
        } catch (IOException | ClassNotFoundException | ClassCastException e) {
            return new RemoteStageException("unknown", "an exception from a worker could not be read: " + e, null);
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
