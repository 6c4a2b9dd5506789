package io.minigun.kafka;

import io.minigun.process.SerializationCodec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Options validation (exact messages), topic and group names, and the client settings forced. No broker. */
@Timeout(10)
class KafkaOptionsTest {

    @Test
    void defaultsDeriveTheStageTopicsFromPrefixPipelineAndStage() {
        KafkaStageOptions options = KafkaStageOptions.defaults("minigun", "orders", "enrich");
        assertThat(options).isEqualTo(new KafkaStageOptions("minigun.orders.enrich.items",
                "minigun.orders.enrich.results", "minigun.orders.enrich.dlt", 1000, 1));
    }

    @Test
    void aNestedStagePathBecomesDotsInTopicAndGroupNames() {
        KafkaStageOptions options = KafkaStageOptions.defaults("acme", "orders", "billing/enrich");
        assertThat(options.itemsTopic()).isEqualTo("acme.orders.billing.enrich.items");
        assertThat(options.resultsTopic()).isEqualTo("acme.orders.billing.enrich.results");
        assertThat(options.deadLetterTopic()).isEqualTo("acme.orders.billing.enrich.dlt");
        assertThat(KafkaTopics.workerGroup(options)).isEqualTo("acme.orders.billing.enrich.items");
    }

    @Test
    void anIllegalTopicNameIsRefusedNamingTheSettingAndWhatIsAllowed() {
        assertThatThrownBy(() -> new KafkaStageOptions("bad topic", "r", "d", 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("itemsTopic 'bad topic' is not a legal Kafka topic name: it must be 1 to 249 characters "
                        + "of [a-zA-Z0-9._-], and not '.' or '..' (length 9)");
        assertThatThrownBy(() -> new KafkaStageOptions("i", "", "d", 1, 1))
                .hasMessage("resultsTopic '' is not a legal Kafka topic name: it must be 1 to 249 characters "
                        + "of [a-zA-Z0-9._-], and not '.' or '..' (length 0)");
        assertThatThrownBy(() -> new KafkaStageOptions("i", "r", "..", 1, 1))
                .hasMessage("deadLetterTopic '..' is not a legal Kafka topic name: it must be 1 to 249 characters "
                        + "of [a-zA-Z0-9._-], and not '.' or '..' (length 2)");
        String tooLong = "t".repeat(250);
        assertThatThrownBy(() -> new KafkaStageOptions(tooLong, "r", "d", 1, 1))
                .hasMessage("itemsTopic '" + tooLong + "' is not a legal Kafka topic name: it must be 1 to 249 "
                        + "characters of [a-zA-Z0-9._-], and not '.' or '..' (length 250)");
        assertThat(new KafkaStageOptions("t".repeat(249), "a.b_c-D9", "d", 1, 1).itemsTopic()).hasSize(249);
        assertThatThrownBy(() -> new KafkaStageOptions(null, "r", "d", 1, 1))
                .hasMessage("itemsTopic must not be null");
        assertThatThrownBy(() -> KafkaStageOptions.defaults("minigun", "my orders", "enrich"))
                .hasMessageStartingWith("itemsTopic 'minigun.my orders.enrich.items' is not a legal Kafka topic name");
    }

    @Test
    void maxInFlightAndConsumersMustBeAtLeastOne() {
        assertThatThrownBy(() -> new KafkaStageOptions("i", "r", "d", 0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxInFlight must be at least 1, was 0");
        assertThatThrownBy(() -> new KafkaStageOptions("i", "r", "d", 1, -2))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("consumers must be at least 1, was -2");
        assertThat(KafkaStageOptions.defaults("p", "o", "s").withMaxInFlight(5).withConsumers(3))
                .extracting(KafkaStageOptions::maxInFlight, KafkaStageOptions::consumers).containsExactly(5, 3);
    }

    @Test
    void remotingOptionsHaveDefaultsAndAreValidated() {
        KafkaRemotingOptions options = KafkaRemotingOptions.defaults("node-1");
        assertThat(options.instanceId()).isEqualTo("node-1");
        assertThat(options.controlTopic()).isEqualTo("minigun.control");
        assertThat(options.partitions()).isEqualTo(6);
        assertThat(options.replicationFactor()).isEqualTo((short) -1);
        assertThat(options.createTopics()).isTrue();
        assertThat(options.codec()).isInstanceOf(SerializationCodec.class);
        SerializationCodec codec = new SerializationCodec().allowing(List.of("com.example"));
        assertThat(options.withCodec(codec).codec()).isSameAs(codec);

        assertThatThrownBy(() -> KafkaRemotingOptions.defaults(" "))
                .hasMessage("instanceId must not be blank, was ' '");
        assertThatThrownBy(() -> new KafkaRemotingOptions("a", "bad/topic", 6, (short) -1, true, codec))
                .hasMessage("controlTopic 'bad/topic' is not a legal Kafka topic name: it must be 1 to 249 characters "
                        + "of [a-zA-Z0-9._-], and not '.' or '..' (length 9)");
        assertThatThrownBy(() -> options.withPartitions(0)).hasMessage("partitions must be at least 1, was 0");
        assertThatThrownBy(() -> new KafkaRemotingOptions("a", "c", 6, (short) 0, true, codec))
                .hasMessage("replicationFactor must be -1 (the broker's default) or at least 1, was 0");
        assertThatThrownBy(() -> new KafkaRemotingOptions("a", "c", 6, (short) 1, true, null))
                .isInstanceOf(NullPointerException.class).hasMessage("codec must not be null");
    }

    @Test
    void clientSettingsForceWhatCorrectnessNeedsAndKeepTheApplicationsOthers() {
        Map<String, Object> user = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "b:9092",
                ProducerConfig.ACKS_CONFIG, "1", ProducerConfig.LINGER_MS_CONFIG, 7,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx");
        Map<String, Object> producer = KafkaClients.producerConfig(user, "n1");
        assertThat(producer).containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class)
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, 7)
                .containsEntry(ProducerConfig.CLIENT_ID_CONFIG, "minigun-kafka-n1-producer")
                .doesNotContainKey(ProducerConfig.TRANSACTIONAL_ID_CONFIG);

        Map<String, Object> consumerUser = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "b:9092",
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 3000, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, true,
                ConsumerConfig.GROUP_ID_CONFIG, "app");
        Map<String, Object> worker = KafkaClients.workerConfig(consumerUser);
        assertThat(worker).containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 3000)
                .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)
                .containsEntry(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class)
                .containsEntry(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100)
                .containsEntry(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic")
                .containsEntry(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                        List.of(CooperativeStickyAssignor.class))
                .doesNotContainKey(ConsumerConfig.GROUP_ID_CONFIG);
        assertThat(KafkaClients.readerConfig(consumerUser, "n1", "results"))
                .doesNotContainKey(ConsumerConfig.GROUP_ID_CONFIG)
                .containsEntry(ConsumerConfig.CLIENT_ID_CONFIG, "minigun-kafka-n1-results");
        assertThat(KafkaClients.adminConfig(user, "n1")).containsOnlyKeys("bootstrap.servers", "client.id");
    }

    @Test
    void aRunCannotOpenTheTransportBeforeStartAndOnlyProcessorsAndConsumersCanBeServed() {
        try (KafkaRemoting remoting = new KafkaRemoting(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:1"),
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:1"), KafkaRemotingOptions.defaults("n1"))) {
            KafkaStageOptions options = KafkaStageOptions.defaults("minigun", "p", "enrich");
            var transport = remoting.transport("p", "enrich", options);
            assertThat(transport.name()).isEqualTo("kafka");
            assertThat(transport.maxInFlight()).isEqualTo(1000);
            assertThat(remoting.isRunning()).isFalse();
            assertThat(remoting.instanceId()).isEqualTo("n1");
            assertThatThrownBy(() -> transport.open(null))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("the Kafka remoting of instance n1 is not started: call KafkaRemoting.start() before "
                            + "running pipeline 'p'");
            io.minigun.Pipeline pipeline = io.minigun.Minigun.pipeline("p")
                    .producer("gen", out -> out.emit(1))
                    .processor("enrich", (Integer n) -> n)
                    .consumer("save", (Integer n) -> { })
                    .build();
            assertThatThrownBy(() -> remoting.serve(pipeline, "gen", options))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Stage 'gen' of pipeline 'p' is a producer; only a processor or consumer can run "
                            + "remotely");
        }
    }
}
