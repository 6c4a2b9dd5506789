package io.minigun.kafka;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One thread reading a fixed set of partitions without a consumer group (manual assignment, nothing committed), from
 * the beginning or from the end as of {@link #start}: the coordinator's results and every instance's control topic.
 * Positions are resolved before {@code start} returns, so a record published afterwards is never missed.
 */
final class PartitionReader {
    private static final Logger log = LoggerFactory.getLogger(PartitionReader.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final String name;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Consumer<ConsumerRecord<byte[], byte[]>> handler;
    private final Thread thread;
    private final Map<TopicPartition, Long> endsAtStart;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private volatile boolean running = true;

    /**
     * Assigns and positions the partitions now; the thread starts reading at {@link #start()}.
     *
     * @param config consumer configuration without a group (see {@link KafkaClients#readerConfig})
     */
    PartitionReader(String name, Map<String, Object> config, Collection<TopicPartition> partitions,
                    boolean fromBeginning, Consumer<ConsumerRecord<byte[], byte[]>> handler) {
        this.name = name;
        this.handler = handler;
        this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        try {
            consumer.assign(partitions);
            if (fromBeginning) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
            }
            partitions.forEach(consumer::position); // seeks are lazy: resolve them now, before any run publishes
            endsAtStart = consumer.endOffsets(partitions);
        } catch (RuntimeException e) {
            consumer.close(CloseOptions.timeout(Duration.ZERO));
            throw e;
        }
        this.thread = new Thread(this::loop, name);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void loop() {
        try {
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    try {
                        handler.accept(record);
                    } catch (RuntimeException e) {
                        log.warn("{}: cannot handle record {}-{}@{}", name, record.topic(), record.partition(),
                                record.offset(), e);
                    }
                }
                if (caughtUp.getCount() > 0 && endsAtStart.entrySet().stream()
                        .allMatch(end -> consumer.position(end.getKey()) >= end.getValue())) {
                    caughtUp.countDown();
                }
            }
        } catch (WakeupException e) {
            // stop() woke the poll
        } catch (RuntimeException e) {
            if (running) {
                log.error("{}: stopped reading on an error", name, e);
            }
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    /**
     * Waits until the records that were there at construction have been handled (e.g. the cancellations already
     * published, before workers start).
     *
     * @return false when that took longer than {@code timeout}
     */
    boolean awaitCaughtUp(Duration timeout) {
        try {
            return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops reading and waits for the thread (and the consumer's) to end. */
    void stop() {
        running = false;
        consumer.wakeup();
        if (!thread.isAlive() && thread.getState() == Thread.State.NEW) {
            consumer.close(CloseOptions.timeout(Duration.ZERO));
            return;
        }
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
