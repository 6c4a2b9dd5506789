package io.minigun.kafka;

import io.minigun.Minigun;
import io.minigun.Pipeline;
import io.minigun.remote.RemoteTransport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One embedded KRaft broker per test class (a failure to start fails the class), the instances a test makes
 * (stopped after it), and a check that no {@code minigun} thread or Kafka client of ours is left afterwards.
 * Clients use short session and poll timeouts so that a dead or departed worker's partitions move within seconds.
 */
abstract class BrokerTestSupport {
    static final int PARTITIONS = KafkaRemotingOptions.DEFAULT_PARTITIONS;
    static EmbeddedKafkaKraftBroker broker;

    private final List<KafkaRemoting> remotings = new ArrayList<>();
    private Set<Thread> baseline;

    @BeforeAll
    static void startBroker() {
        broker = new EmbeddedKafkaKraftBroker(1, PARTITIONS);
        broker.brokerProperty("group.min.session.timeout.ms", "1000");
        broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
        broker.afterPropertiesSet();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.destroy();
        }
        System.clearProperty("spring.kafka.bootstrap-servers");
    }

    @BeforeEach
    void recordThreads() {
        baseline = ourThreads();
    }

    @AfterEach
    void stopInstancesAndCheckThreads() {
        remotings.forEach(KafkaRemoting::stop);
        await("no thread of ours left").atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> {
                    Set<Thread> extra = ourThreads();
                    extra.removeAll(baseline);
                    assertThat(extra.stream().map(Thread::getName).collect(Collectors.toSet())).isEmpty();
                });
    }

    /** Threads of ours: the engine's and our clients' ({@code minigun-kafka-*} client ids, {@code minigun.*} groups). */
    static Set<Thread> ourThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().contains("minigun") && !t.getName().startsWith("awaitility"))
                .collect(Collectors.toSet());
    }

    static Map<String, Object> producerConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        return config;
    }

    static Map<String, Object> consumerConfig() {
        return consumerConfig(broker.getBrokersAsString());
    }

    static Map<String, Object> consumerConfig(String bootstrap) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 3000);
        config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 500);
        config.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 3000);
        return config;
    }

    /** An instance of the application, stopped after the test. */
    KafkaRemoting remoting(String instanceId) {
        KafkaRemoting remoting = new KafkaRemoting(producerConfig(), consumerConfig(),
                KafkaRemotingOptions.defaults(instanceId));
        remotings.add(remoting);
        return remoting;
    }

    /**
     * {@code gen} emits 0..items-1, the remote {@code enrich} doubles them (pausing {@code workNanos} per item, and
     * counting by instance the items it ran), {@code save} counts what arrives.
     */
    static Pipeline doubling(String name, int items, RemoteTransport transport, long workNanos,
                             Map<Integer, AtomicInteger> received, Map<String, AtomicInteger> ranBy) {
        return Minigun.pipeline(name)
                .producer("gen", out -> {
                    for (int i = 0; i < items; i++) {
                        out.emit(i);
                    }
                })
                .processor("enrich", (Integer n) -> {
                    ranBy.computeIfAbsent(instanceOfThisThread(), k -> new AtomicInteger()).incrementAndGet();
                    if (workNanos > 0) {
                        LockSupport.parkNanos(workNanos); // stands for stage code's work
                    }
                    return n * 2;
                }, s -> s.transport(transport))
                .consumer("save", (Integer n) -> received.computeIfAbsent(n, k -> new AtomicInteger()).incrementAndGet())
                .build();
    }

    /** The instance whose worker thread runs this ({@code minigun-kafka-<instance>-<pipeline>...}). */
    static String instanceOfThisThread() {
        String name = Thread.currentThread().getName();
        String prefix = "minigun-kafka-";
        if (!name.startsWith(prefix)) {
            return "?" + name;
        }
        int end = name.indexOf('-', prefix.length());
        return end < 0 ? name : name.substring(prefix.length(), end);
    }

    /** Waits until the group has {@code members} consumers that own all {@link #PARTITIONS} partitions. */
    static void awaitGroup(String group, int members) {
        try (Admin admin = admin()) {
            await("group " + group + " with " + members + " members owning every partition")
                    .atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(200)).until(() -> {
                        ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all()
                                .get(10, TimeUnit.SECONDS).get(group);
                        int assigned = description.members().stream()
                                .mapToInt(m -> m.assignment().topicPartitions().size()).sum();
                        // stable: a cooperative rebalance has a second round, whose assignment may still differ
                        return description.groupState() == GroupState.STABLE
                                && description.members().size() == members && assigned == PARTITIONS
                                && description.members().stream().allMatch(BrokerTestSupport::owns);
                    });
        }
    }

    private static boolean owns(MemberDescription member) {
        return !member.assignment().topicPartitions().isEmpty();
    }

    /** Records of the group not yet committed on {@code topic}. */
    static long lag(String group, String topic) throws Exception {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < PARTITIONS; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
                    .get(10, TimeUnit.SECONDS);
            long lag = 0;
            for (var end : ends.entrySet()) {
                OffsetAndMetadata done = committed.get(end.getKey());
                lag += end.getValue().offset() - (done == null ? 0 : done.offset());
            }
            return lag;
        }
    }

    static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()));
    }

    /** Every record of {@code topic} from the beginning, once at least {@code atLeast} are there. */
    static List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int atLeast) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await(topic + " has " + atLeast + " records").atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= atLeast;
            });
            // and whatever else is there already (a re-delivered item may be dead-lettered twice)
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
                return partitions.stream().allMatch(tp -> consumer.position(tp) >= ends.get(tp));
            });
        }
        return records;
    }

    /** The line each broker test prints: what went in, what came out. */
    static void report(String test, long sent, long delivered, @Nullable Long duplicatesDropped, long deadLettered,
                       long lost, String more) {
        System.out.printf("[kafka-test] %s: sent=%d delivered=%d duplicatesDropped=%s deadLettered=%d lost=%d %s%n",
                test, sent, delivered, duplicatesDropped == null ? "n/a" : duplicatesDropped, deadLettered, lost,
                more);
    }

    static Map<Integer, AtomicInteger> counts() {
        return new ConcurrentHashMap<>();
    }
}
