package io.minigun.kafka;

import io.minigun.Pipeline;
import io.minigun.execution.PlannedStage;
import io.minigun.execution.RemoteStageRunner;
import io.minigun.process.Codec;
import io.minigun.process.UnreadableItemException;
import io.minigun.remote.RemoteOutcome;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.util.backoff.FixedBackOff;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

/**
 * This instance's worker for one remote stage: a batch listener container in the stage's consumer group that runs
 * each item's stage code ({@link RemoteStageRunner}: retries, backoff) and publishes one result record per item (a
 * failed item's dead letter first). The listener returns only when every send of the batch has completed, and the
 * container commits the batch's offsets after it returns ({@link ContainerProperties.AckMode#BATCH}): offsets are
 * committed only after the results are published. A send that fails throws, nothing is committed, and the error
 * handler runs the batch again after a pause (at-least-once; the coordinator drops duplicate results).
 */
final class StageWorker {
    private static final Logger log = LoggerFactory.getLogger(StageWorker.class);
    /** How long a batch waits for its sends before it is run again (the producer's own delivery timeout is 2 min). */
    private static final long SEND_WAIT_SECONDS = 300;
    private static final long RETRY_PAUSE_MS = 1000;

    private final String instanceId;
    private final String pipeline;
    private final String stage;
    private final KafkaStageOptions options;
    private final RemoteStageRunner runner;
    private final KafkaTemplate<byte[], byte[]> template;
    private final Codec codec;
    private final Cancellations cancellations;
    private final Map<String, Object> consumerConfig;
    private final String group;
    private ConcurrentMessageListenerContainer<byte[], byte[]> container;

    /** Items whose stage code ran (each attempt series once), skipped (run cancelled), failed, dead-lettered. */
    final LongAdder ran = new LongAdder();
    final LongAdder skipped = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder deadLettered = new LongAdder();
    final LongAdder succeeded = new LongAdder();
    /** Time the succeeded items spent in stage code. */
    final LongAdder succeededNanos = new LongAdder();

    /** @throws IllegalArgumentException when the pipeline has no such processor or consumer */
    StageWorker(String instanceId, Pipeline pipeline, String stage, KafkaStageOptions options,
                KafkaTemplate<byte[], byte[]> template, Codec codec, Cancellations cancellations,
                Map<String, Object> consumerConfig) {
        this.instanceId = instanceId;
        this.pipeline = pipeline.name();
        this.stage = stage;
        this.options = options;
        this.runner = RemoteStageRunner.of(pipeline, stage);
        this.template = template;
        this.codec = codec;
        this.cancellations = cancellations;
        this.consumerConfig = KafkaClients.workerConfig(consumerConfig);
        this.group = KafkaTopics.workerGroup(options);
        warnWhenRetriesMayOutlastThePollInterval(pipeline.plan().stage(stage));
    }

    /**
     * Retries run inside the batch: when a batch of failing items can take longer than {@code max.poll.interval.ms}
     * in backoff alone, the consumer is evicted and the batch re-delivered, again and again.
     */
    private void warnWhenRetriesMayOutlastThePollInterval(PlannedStage planned) {
        long backoffPerItem = 0;
        for (int retry = 0; retry < planned.retries(); retry++) {
            backoffPerItem += planned.backoff().toMillis() << Math.min(retry, 30);
        }
        long records = Long.parseLong(String.valueOf(consumerConfig.get(ConsumerConfig.MAX_POLL_RECORDS_CONFIG)));
        Object configured = consumerConfig.get(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG);
        long interval = configured == null ? 300_000 : Long.parseLong(String.valueOf(configured));
        if (backoffPerItem > 0 && records * backoffPerItem > interval) {
            log.warn("remote stage '{}' of pipeline '{}': {} records per poll x {} ms of backoff each ({} retries) "
                    + "exceeds max.poll.interval.ms={}: a batch of failing items gets its consumer evicted; lower "
                    + "max.poll.records or the backoff, or raise max.poll.interval.ms", stage, pipeline, records,
                    backoffPerItem, planned.retries(), interval);
        }
    }

    KafkaStageOptions options() {
        return options;
    }

    String group() {
        return group;
    }

    String pipeline() {
        return pipeline;
    }

    String stage() {
        return stage;
    }

    boolean serves(String pipeline, String stage) {
        return this.pipeline.equals(pipeline) && this.stage.equals(stage);
    }

    synchronized void start() {
        if (container != null) {
            return;
        }
        String name = "minigun-kafka-" + instanceId + "-" + pipeline + "." + stage.replace('/', '.');
        ContainerProperties properties = new ContainerProperties(options.itemsTopic());
        properties.setGroupId(group);
        properties.setClientId(name);
        properties.setAckMode(ContainerProperties.AckMode.BATCH);
        properties.setMessageListener((BatchMessageListener<byte[], byte[]>) this::onBatch);
        ConcurrentMessageListenerContainer<byte[], byte[]> created = new ConcurrentMessageListenerContainer<>(
                new DefaultKafkaConsumerFactory<>(consumerConfig), properties);
        created.setConcurrency(options.consumers());
        created.setBeanName(name);
        created.setCommonErrorHandler(new DefaultErrorHandler(
                new FixedBackOff(RETRY_PAUSE_MS, FixedBackOff.UNLIMITED_ATTEMPTS)));
        created.start();
        container = created;
    }

    /** Graceful: the batch in hand finishes and is committed, the consumers leave the group. Waits for them. */
    synchronized void stop() {
        if (container != null) {
            container.stop();
            container = null;
        }
    }

    synchronized boolean isRunning() {
        return container != null && container.isRunning();
    }

    /** The partitions this instance's consumers own now (tests wait for a full assignment). */
    synchronized int assignedPartitions() {
        if (container == null) {
            return 0;
        }
        Collection<TopicPartition> assigned = container.getAssignedPartitions();
        return assigned == null ? 0 : assigned.size();
    }

    private void onBatch(List<ConsumerRecord<byte[], byte[]>> records) {
        List<CompletableFuture<?>> sends = new ArrayList<>(records.size());
        for (ConsumerRecord<byte[], byte[]> record : records) {
            CompletableFuture<?> send = handle(record);
            if (send != null) {
                sends.add(send);
            }
        }
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(SEND_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("results of a batch of stage '" + stage + "' could not be published; "
                    + "its offsets are not committed and it runs again", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("results of a batch of stage '" + stage + "' were not published within "
                    + SEND_WAIT_SECONDS + " s; it runs again", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing the results of stage '" + stage + "'", e);
        }
    }

    /** Runs one item and publishes its outcome; null when there is nothing to publish (its run is cancelled). */
    private CompletableFuture<?> handle(ConsumerRecord<byte[], byte[]> record) {
        String runId;
        long seq;
        try {
            runId = MinigunHeaders.requireString(record.headers(), MinigunHeaders.RUN);
            seq = MinigunHeaders.requireLong(record.headers(), MinigunHeaders.SEQ);
        } catch (IllegalArgumentException e) {
            // not a Minigun item: no run to report to, but it is kept where someone can look at it
            log.warn("stage '{}': record {}-{}@{} is not a Minigun item ({}); dead-lettered", stage, record.topic(),
                    record.partition(), record.offset(), e.getMessage());
            failed.increment();
            return deadLetter(record, e, 0);
        }
        if (cancellations.isCancelled(runId)) {
            skipped.increment();
            return null;
        }
        String reply = MinigunHeaders.string(record.headers(), MinigunHeaders.REPLY);
        String resultsTopic = reply != null ? reply : options.resultsTopic();
        Object item;
        Map<String, Object> parameters;
        try {
            parameters = CodecBytes.decodeParameters(codec, MinigunHeaders.bytes(record.headers(),
                    MinigunHeaders.PARAMS));
            item = record.value() == null ? null : CodecBytes.decode(codec, record.value());
            if (item == null) {
                throw new IOException("the item is null");
            }
        } catch (IOException | RuntimeException e) {
            return fail(record, runId, seq, resultsTopic, new UnreadableItemException("item " + seq + " of run "
                    + runId + " cannot be read on instance " + instanceId + ": " + e.getMessage(), e), 1);
        }
        RemoteOutcome outcome = runner.run(item, runId, parameters, () -> cancellations.isCancelled(runId));
        ran.increment();
        if (!outcome.succeeded()) {
            return fail(record, runId, seq, resultsTopic, outcome.failure(), outcome.attempts());
        }
        byte[] value;
        try {
            value = ResultCodec.encodeEmissions(outcome.emissions(), codec);
        } catch (IOException | RuntimeException e) {
            return fail(record, runId, seq, resultsTopic, new IllegalArgumentException("the emissions of item " + seq
                    + " of stage '" + stage + "' cannot be encoded: " + e.getMessage(), e), outcome.attempts());
        }
        succeeded.increment();
        succeededNanos.add(outcome.stageNanos());
        return result(record.key(), runId, seq, resultsTopic, MinigunHeaders.DONE, value, outcome.attempts(),
                outcome.stageNanos());
    }

    /** Dead letter first, then the failure result (so a failure the coordinator sees is already in the DLT). */
    private CompletableFuture<?> fail(ConsumerRecord<byte[], byte[]> record, String runId, long seq,
                                      String resultsTopic, Throwable cause, int attempts) {
        failed.increment();
        byte[] value = ResultCodec.encodeFailure(cause);
        return deadLetter(record, cause, attempts).thenCompose(sent -> result(record.key(), runId, seq, resultsTopic,
                MinigunHeaders.FAILED, value, attempts, 0L));
    }

    private CompletableFuture<?> result(byte[] key, String runId, long seq, String topic, String outcome,
                                        byte[] value, int attempts, long nanos) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(MinigunHeaders.RUN, MinigunHeaders.utf8(runId));
        headers.add(MinigunHeaders.SEQ, MinigunHeaders.int64(seq));
        headers.add(MinigunHeaders.OUTCOME, MinigunHeaders.utf8(outcome));
        headers.add(MinigunHeaders.ATTEMPTS, MinigunHeaders.int32(attempts));
        headers.add(MinigunHeaders.NANOS, MinigunHeaders.int64(nanos));
        headers.add(MinigunHeaders.INSTANCE, MinigunHeaders.utf8(instanceId));
        return template.send(new ProducerRecord<>(topic, null, key, value, headers));
    }

    /** The item unchanged, its headers kept, with why and where it failed (Spring's dead-letter header names). */
    private CompletableFuture<?> deadLetter(ConsumerRecord<byte[], byte[]> record, Throwable cause, int attempts) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            headers.add(header);
        }
        headers.add(KafkaHeaders.DLT_EXCEPTION_FQCN, MinigunHeaders.utf8(cause.getClass().getName()));
        headers.add(KafkaHeaders.DLT_EXCEPTION_MESSAGE, MinigunHeaders.utf8(String.valueOf(cause.getMessage())));
        headers.add(KafkaHeaders.DLT_EXCEPTION_STACKTRACE, MinigunHeaders.utf8(stackTrace(cause)));
        headers.add(KafkaHeaders.DLT_ORIGINAL_TOPIC, MinigunHeaders.utf8(record.topic()));
        headers.add(KafkaHeaders.DLT_ORIGINAL_PARTITION, MinigunHeaders.int32(record.partition()));
        headers.add(KafkaHeaders.DLT_ORIGINAL_OFFSET, MinigunHeaders.int64(record.offset()));
        headers.add(KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP, MinigunHeaders.utf8(group));
        headers.add(MinigunHeaders.PIPELINE, MinigunHeaders.utf8(pipeline));
        headers.add(MinigunHeaders.STAGE, MinigunHeaders.utf8(stage));
        headers.add(MinigunHeaders.ATTEMPTS, MinigunHeaders.int32(attempts));
        headers.add(MinigunHeaders.INSTANCE, MinigunHeaders.utf8(instanceId));
        deadLettered.increment();
        return template.send(new ProducerRecord<>(options.deadLetterTopic(), null, record.key(), record.value(),
                headers));
    }

    private static String stackTrace(Throwable cause) {
        StringWriter text = new StringWriter();
        cause.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
