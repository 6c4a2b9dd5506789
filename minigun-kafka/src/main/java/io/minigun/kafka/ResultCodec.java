package io.minigun.kafka;

import io.minigun.process.Codec;
import io.minigun.remote.Emission;
import io.minigun.remote.RemoteFailures;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
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
        return RemoteFailures.encode(failure);
    }

    /** The exception of a failure result; a stand-in saying so when it cannot be read. */
    static Throwable decodeFailure(byte[] value) {
        return RemoteFailures.decode(value);
    }
}
