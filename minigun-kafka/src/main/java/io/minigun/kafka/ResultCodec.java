package io.minigun.kafka;

import io.minigun.process.Codec;
import io.minigun.process.RemoteStageException;
import io.minigun.remote.Emission;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The value of a result record. A success is all the item's emissions in one value: a version byte, their count,
 * then per emission its target (or none: along the DAG) and the item in codec bytes. Framed here rather than as a
 * serialized object so that the codec's allow-list needs no Minigun class. A failure is the exception, serialized as
 * itself when it serializes and reads back under the filter below, else as a {@link RemoteStageException} with its
 * class name, message and stack trace (what core's PROCESS workers do).
 */
final class ResultCodec {
    private static final byte VERSION = 1;

    private ResultCodec() {
    }

    /** @throws IOException when an emission cannot be encoded (the item then fails) */
    static byte[] encodeEmissions(List<Emission> emissions, Codec codec) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeInt(emissions.size());
            for (Emission emission : emissions) {
                String target = emission.target();
                out.writeBoolean(target != null);
                if (target != null) {
                    out.writeUTF(target);
                }
                codec.write(emission.item(), out);
            }
        }
        return bytes.toByteArray();
    }

    static List<Emission> decodeEmissions(byte[] value, Codec codec) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(value))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IOException("unknown result format version " + version);
            }
            int count = in.readInt();
            List<Emission> emissions = new ArrayList<>(Math.min(count, 1024));
            for (int i = 0; i < count; i++) {
                String target = in.readBoolean() ? in.readUTF() : null;
                Object item = codec.read(in);
                if (item == null) {
                    throw new IOException("emission " + i + " of a result is null");
                }
                emissions.add(new Emission(target, item));
            }
            return emissions;
        }
    }

    /** The exception as itself when the coordinator can read it back, else its stand-in. */
    static byte[] encodeFailure(Throwable failure) {
        try {
            byte[] bytes = serialize(failure);
            readThrowable(bytes); // what the coordinator will do: a field of a refused class fails here, not there
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

    /** The exception of a failure result; a stand-in saying so when it cannot be read. */
    static Throwable decodeFailure(byte[] value) {
        try {
            return readThrowable(value);
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            return new RemoteStageException("unknown", "the exception of a remote failure could not be read: " + e,
                    null);
        }
    }

    /** Reads a throwable admitting only {@code Throwable} subclasses and JDK types. */
    private static Throwable readThrowable(byte[] bytes) throws IOException, ClassNotFoundException {
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
