package io.minigun.kafka;

import io.minigun.process.Codec;
import io.minigun.process.UnreadableItemException;
import io.minigun.remote.Emission;
import io.minigun.remote.RemoteRun;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The coordinator's side of the results topics: hands each result record to the open run it belongs to (by its
 * {@code minigun-run} header) as a result with its decoded emissions, or as a failure. Results of runs not open here
 * (ended, or another coordinator's) are ignored. Reporting twice is fine: the engine keeps the first outcome per item.
 */
final class ResultRouter {
    private static final Logger log = LoggerFactory.getLogger(ResultRouter.class);

    private final Codec codec;
    private final Map<String, RemoteRun> runs = new ConcurrentHashMap<>();
    /** Result records handed to a run (duplicates included) and ignored (no such run open). */
    final LongAdder routed = new LongAdder();
    final LongAdder ignored = new LongAdder();
    /** Result records handed to a run, by the instance that ran the item. */
    private final Map<String, LongAdder> byInstance = new ConcurrentHashMap<>();

    ResultRouter(Codec codec) {
        this.codec = codec;
    }

    void register(RemoteRun run) {
        runs.put(run.runId(), run);
    }

    void unregister(String runId) {
        runs.remove(runId);
    }

    /** Result records handed to a run from {@code instance} so far. */
    long routedFrom(String instance) {
        LongAdder count = byInstance.get(instance);
        return count == null ? 0 : count.sum();
    }

    void accept(ConsumerRecord<byte[], byte[]> record) {
        Headers headers = record.headers();
        String runId = MinigunHeaders.string(headers, MinigunHeaders.RUN);
        RemoteRun run = runId == null ? null : runs.get(runId);
        if (run == null) {
            ignored.increment();
            log.debug("ignoring a result of run {} (not open here): {}-{}@{}", runId, record.topic(),
                    record.partition(), record.offset());
            return;
        }
        routed.increment();
        String instance = MinigunHeaders.requireString(headers, MinigunHeaders.INSTANCE);
        byInstance.computeIfAbsent(instance, i -> new LongAdder()).increment();
        long seq = MinigunHeaders.requireLong(headers, MinigunHeaders.SEQ);
        int attempts = MinigunHeaders.requireInt(headers, MinigunHeaders.ATTEMPTS);
        String outcome = MinigunHeaders.requireString(headers, MinigunHeaders.OUTCOME);
        byte[] value = record.value() == null ? new byte[0] : record.value();
        if (MinigunHeaders.DONE.equals(outcome)) {
            List<Emission> emissions;
            try {
                emissions = ResultCodec.decodeEmissions(value, codec);
            } catch (IOException | RuntimeException e) {
                run.failure(seq, new UnreadableItemException("the result of item " + seq + " from instance "
                        + instance + " cannot be read: " + e.getMessage(), e), attempts, instance);
                return;
            }
            run.result(seq, emissions, attempts, MinigunHeaders.requireLong(headers, MinigunHeaders.NANOS), instance);
        } else {
            run.failure(seq, ResultCodec.decodeFailure(value), attempts, instance);
        }
    }
}
