package io.minigun.kafka;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The configurations of Minigun's Kafka clients: the application's (connection, security, timeouts) with what
 * correctness needs forced on top. Client ids start with {@code minigun-kafka-<instance>} so threads and metrics are
 * recognisable.
 */
final class KafkaClients {
    static final int DEFAULT_MAX_POLL_RECORDS = 100;

    private KafkaClients() {
    }

    /** Byte arrays, acks from all replicas, idempotent (no duplicates from the producer's own retries), no transactions. */
    static Map<String, Object> producerConfig(Map<String, Object> user, String instanceId) {
        Map<String, Object> config = new HashMap<>(user);
        config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId(instanceId, "producer"));
        return config;
    }

    /**
     * A worker container's consumers: byte arrays, offsets committed by the container after the batch's results are
     * published (never automatically), the classic protocol with cooperative rebalancing, and from the earliest
     * offset when the group is new (a run's first items must not be skipped). The group id is the container's.
     */
    static Map<String, Object> workerConfig(Map<String, Object> user) {
        Map<String, Object> config = new HashMap<>(user);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG); // one static id cannot serve several consumers
        config.remove(ConsumerConfig.CLIENT_ID_CONFIG);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
        config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, List.of(CooperativeStickyAssignor.class));
        config.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, DEFAULT_MAX_POLL_RECORDS);
        return config;
    }

    /** A reader of assigned partitions: no group, nothing committed. */
    static Map<String, Object> readerConfig(Map<String, Object> user, String instanceId, String role) {
        Map<String, Object> config = new HashMap<>(user);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        config.remove(ConsumerConfig.GROUP_PROTOCOL_CONFIG);
        config.remove(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId(instanceId, role));
        config.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        return config;
    }

    /** The admin client's: the producer's connection settings only. */
    static Map<String, Object> adminConfig(Map<String, Object> producerUser, String instanceId) {
        Map<String, Object> config = new HashMap<>();
        producerUser.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                config.put(key, value);
            }
        });
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId(instanceId, "admin"));
        return config;
    }

    static String clientId(String instanceId, String role) {
        return "minigun-kafka-" + instanceId + "-" + role;
    }
}
