package io.minigun.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The runs this instance knows to be cancelled, from the control topic (and at once for the runs it cancels itself):
 * workers skip their records without running stage code, and stage code sees {@code isCancelled()}. Bounded and
 * expiring, oldest first: a cancelled run's records are gone from the items topic long before a day has passed.
 */
final class Cancellations {
    private static final Logger log = LoggerFactory.getLogger(Cancellations.class);
    static final int DEFAULT_CAPACITY = 100_000;
    static final long DEFAULT_TTL_NANOS = java.util.concurrent.TimeUnit.DAYS.toNanos(1);

    private final int capacity;
    private final long ttlNanos;
    /** Run id → when this instance learnt of it ({@link System#nanoTime()}), in insertion order. */
    private final LinkedHashMap<String, Long> runs = new LinkedHashMap<>();

    Cancellations() {
        this(DEFAULT_CAPACITY, DEFAULT_TTL_NANOS);
    }

    Cancellations(int capacity, long ttlNanos) {
        this.capacity = capacity;
        this.ttlNanos = ttlNanos;
    }

    /** Marks a run cancelled (once: the first time counts). */
    synchronized void add(String runId) {
        long now = System.nanoTime();
        runs.putIfAbsent(runId, now);
        Iterator<Map.Entry<String, Long>> oldest = runs.entrySet().iterator();
        while (oldest.hasNext()) {
            Map.Entry<String, Long> entry = oldest.next();
            if (runs.size() > capacity || now - entry.getValue() > ttlNanos) {
                oldest.remove();
            } else {
                break;
            }
        }
    }

    synchronized boolean isCancelled(String runId) {
        return runs.containsKey(runId);
    }

    /** When this instance learnt that the run was cancelled ({@link System#nanoTime()}); empty when it has not. */
    synchronized OptionalLong seenAt(String runId) {
        Long at = runs.get(runId);
        return at == null ? OptionalLong.empty() : OptionalLong.of(at);
    }

    /** A record of the control topic: key = run id, value = what happened to it. */
    void accept(ConsumerRecord<byte[], byte[]> record) {
        if (record.key() == null || record.value() == null) {
            return;
        }
        String runId = new String(record.key(), StandardCharsets.UTF_8);
        String what = new String(record.value(), StandardCharsets.UTF_8);
        if (MinigunHeaders.CANCELLED.equals(what)) {
            log.debug("run {} cancelled", runId);
            add(runId);
        }
    }
}
