package io.minigun.kafka;

import io.minigun.process.Codec;
import org.jspecify.annotations.Nullable;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/** A {@link Codec} to and from whole byte arrays: item values and run parameters of records. */
final class CodecBytes {
    private CodecBytes() {
    }

    static byte[] encode(Codec codec, @Nullable Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            codec.write(value, out);
        }
        return bytes.toByteArray();
    }

    static @Nullable Object decode(Codec codec, byte[] bytes) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            return codec.read(in);
        }
    }

    /** Run parameters as a {@link HashMap} (a JDK type every codec admits; null values allowed). */
    static byte[] encodeParameters(Codec codec, Map<String, @Nullable Object> parameters) throws IOException {
        return encode(codec, new HashMap<>(parameters));
    }

    @SuppressWarnings("unchecked")
    static Map<String, @Nullable Object> decodeParameters(Codec codec, byte @Nullable [] bytes) throws IOException {
        if (bytes == null) {
            return Map.of();
        }
        Object value = decode(codec, bytes);
        if (!(value instanceof Map<?, ?> map)) {
            throw new IOException("run parameters are not a map but " + (value == null ? "null" : value.getClass()));
        }
        return java.util.Collections.unmodifiableMap((Map<String, @Nullable Object>) map);
    }
}
