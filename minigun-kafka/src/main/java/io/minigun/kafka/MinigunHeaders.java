package io.minigun.kafka;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The headers Minigun puts on its records and how their values are written: strings in UTF-8, sequences and
 * nanoseconds as 8 bytes, attempts as 4 bytes (big-endian), as Spring's dead-letter headers write numbers.
 */
final class MinigunHeaders {
    /** The run an item or result belongs to (also the record key). */
    static final String RUN = "minigun-run";
    /** The item's sequence within its run. */
    static final String SEQ = "minigun-seq";
    /** Where the item's result goes (the coordinator's results topic). */
    static final String REPLY = "minigun-reply";
    /** The run's parameters, codec bytes of a map; only when the run has parameters. */
    static final String PARAMS = "minigun-params";
    /** {@link #DONE} or {@link #FAILED}. */
    static final String OUTCOME = "minigun-outcome";
    /** How many times stage code ran for the item. */
    static final String ATTEMPTS = "minigun-attempts";
    /** Time the succeeding attempt spent in stage code. */
    static final String NANOS = "minigun-nanos";
    /** The instance that ran the item (or cancelled the run). */
    static final String INSTANCE = "minigun-instance";
    static final String PIPELINE = "minigun-pipeline";
    static final String STAGE = "minigun-stage";

    static final String DONE = "D";
    static final String FAILED = "F";
    /** The value of a control record that cancels its run (the key). */
    static final String CANCELLED = "CANCELLED";

    private MinigunHeaders() {
    }

    static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] int64(long value) {
        return ByteBuffer.allocate(Long.BYTES).putLong(value).array();
    }

    static byte[] int32(int value) {
        return ByteBuffer.allocate(Integer.BYTES).putInt(value).array();
    }

    /** The last value of header {@code key} as a string, or null when absent. */
    static @Nullable String string(Headers headers, String key) {
        byte[] value = bytes(headers, key);
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    /** The last value of header {@code key}, or null when absent. */
    static byte @Nullable [] bytes(Headers headers, String key) {
        Header header = headers.lastHeader(key);
        return header == null ? null : header.value();
    }

    /** A string header that must be there. */
    static String requireString(Headers headers, String key) {
        String value = string(headers, key);
        if (value == null) {
            throw new IllegalArgumentException("record has no header " + key);
        }
        return value;
    }

    /** An 8-byte header that must be there. */
    static long requireLong(Headers headers, String key) {
        byte[] value = bytes(headers, key);
        if (value == null || value.length != Long.BYTES) {
            throw new IllegalArgumentException("record has no 8-byte header " + key);
        }
        return ByteBuffer.wrap(value).getLong();
    }

    /** A 4-byte header that must be there. */
    static int requireInt(Headers headers, String key) {
        byte[] value = bytes(headers, key);
        if (value == null || value.length != Integer.BYTES) {
            throw new IllegalArgumentException("record has no 4-byte header " + key);
        }
        return ByteBuffer.wrap(value).getInt();
    }
}
