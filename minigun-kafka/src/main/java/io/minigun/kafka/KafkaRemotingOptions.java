package io.minigun.kafka;

import io.minigun.process.Codec;
import io.minigun.process.SerializationCodec;

import java.util.Objects;

/**
 * The settings shared by all remote stages of one application instance: who this instance is (it tags results and
 * dead letters), where cancellations travel, how topics are created, and how items cross the wire.
 *
 * @param instanceId        this instance's name, unique among the instances (results, dead letters, thread names)
 * @param controlTopic      the topic cancellations travel on, read by every instance
 * @param partitions        partitions of the topics this instance creates (the control topic gets 1), at least 1
 * @param replicationFactor replication of the topics it creates; {@code -1} for the broker's default
 * @param createTopics      whether {@link KafkaRemoting#start()} creates missing topics (through the Kafka admin API)
 * @param codec             encodes items, emissions and run parameters; the same on every instance
 */
public record KafkaRemotingOptions(String instanceId, String controlTopic, int partitions, short replicationFactor,
                                   boolean createTopics, Codec codec) {

    /** The control topic of {@link #defaults}. */
    public static final String DEFAULT_CONTROL_TOPIC = "minigun.control";
    /** The partitions of {@link #defaults}. */
    public static final int DEFAULT_PARTITIONS = 6;

    public KafkaRemotingOptions {
        if (instanceId == null || instanceId.isBlank()) {
            throw new IllegalArgumentException("instanceId must not be blank, was " + (instanceId == null ? "null"
                    : "'" + instanceId + "'"));
        }
        KafkaTopics.requireLegal("controlTopic", controlTopic);
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
        }
        if (replicationFactor != -1 && replicationFactor < 1) {
            throw new IllegalArgumentException("replicationFactor must be -1 (the broker's default) or at least 1, was "
                    + replicationFactor);
        }
        Objects.requireNonNull(codec, "codec must not be null");
    }

    /**
     * Control topic {@code minigun.control}, 6 partitions, the broker's replication factor, topics created at start,
     * a {@link SerializationCodec} that admits JDK types only.
     */
    public static KafkaRemotingOptions defaults(String instanceId) {
        return new KafkaRemotingOptions(instanceId, DEFAULT_CONTROL_TOPIC, DEFAULT_PARTITIONS, (short) -1, true,
                new SerializationCodec());
    }

    /** These options with another codec (e.g. one that admits the application's packages). */
    public KafkaRemotingOptions withCodec(Codec codec) {
        return new KafkaRemotingOptions(instanceId, controlTopic, partitions, replicationFactor, createTopics, codec);
    }

    /** These options with another number of partitions for the topics this instance creates. */
    public KafkaRemotingOptions withPartitions(int partitions) {
        return new KafkaRemotingOptions(instanceId, controlTopic, partitions, replicationFactor, createTopics, codec);
    }
}
