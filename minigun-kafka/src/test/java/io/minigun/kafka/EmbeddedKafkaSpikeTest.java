package io.minigun.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 15's spike: an embedded KRaft broker starts in this sandbox, a record round-trips through a
 * {@link KafkaTemplate} and a {@link ConcurrentMessageListenerContainer}, and through Boot 4's Kafka
 * auto-configuration ({@code spring.kafka.*}) and a {@link KafkaListener}; records how long each step takes, and how
 * long a consumer group of two members takes to form with the classic and the new ({@code group.protocol=consumer})
 * rebalance protocol. The timings go to {@code target/kafka-spike-timings.txt}; nothing asserts a duration.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EmbeddedKafkaSpikeTest {
    private static final List<String> timings = new ArrayList<>();
    private static EmbeddedKafkaKraftBroker broker;

    @BeforeAll
    static void startBroker() {
        long start = System.nanoTime();
        broker = new EmbeddedKafkaKraftBroker(1, 4, "spike.plain", "spike.boot", "spike.group.classic",
                "spike.group.consumer", "spike.group.hung", "spike.group.killed");
        // lets the abrupt-death case use a short session timeout (the broker's minimum is 6 s by default)
        broker.brokerProperty("group.min.session.timeout.ms", "1000");
        broker.afterPropertiesSet();
        time("broker start (1 KRaft node, 6 topics x 4 partitions)", start);
    }

    @AfterAll
    static void stopBroker() throws IOException {
        long start = System.nanoTime();
        broker.destroy();
        time("broker stop", start);
        String header = "JDK " + Runtime.version() + " (" + System.getProperty("java.vm.name") + "), "
                + Runtime.getRuntime().availableProcessors() + " cores";
        List<String> lines = new ArrayList<>();
        lines.add(header);
        timings.forEach(line -> lines.add("  " + line));
        Path file = Path.of("target", "kafka-spike-timings.txt");
        Files.write(file, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        lines.forEach(System.out::println);
    }

    @Test
    void aRecordRoundTripsThroughKafkaTemplateAndAListenerContainer() throws Exception {
        BlockingQueue<ConsumerRecord<String, String>> received = new LinkedBlockingQueue<>();
        ConcurrentMessageListenerContainer<String, String> container =
                container("spike.plain", "spike-plain", Map.of(), received::add);
        DefaultKafkaProducerFactory<String, String> producers = producers();
        KafkaTemplate<String, String> template = new KafkaTemplate<>(producers);
        long start = System.nanoTime();
        container.start();
        try {
            template.send(new ProducerRecord<>("spike.plain", "run-1/0", "hello")).get(30, TimeUnit.SECONDS);
            ConsumerRecord<String, String> record = received.poll(60, TimeUnit.SECONDS);
            time("first round trip, plain container (group join included)", start);
            assertThat(record).isNotNull();
            assertThat(record.key()).isEqualTo("run-1/0");
            assertThat(record.value()).isEqualTo("hello");

            long warm = System.nanoTime();
            for (int i = 0; i < 1000; i++) {
                template.send("spike.plain", "run-1/" + (i + 1), "item-" + i);
            }
            template.flush();
            List<String> values = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                ConsumerRecord<String, String> next;
                while ((next = received.poll()) != null) {
                    values.add(next.value());
                }
                return values.size() == 1000;
            });
            time("1000 more records round trip, warm", warm);
        } finally {
            container.stop();
            producers.destroy();
        }
    }

    @Test
    void aRecordRoundTripsThroughBootsKafkaAutoConfigurationAndAKafkaListener() throws Exception {
        long start = System.nanoTime();
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(BootApp.class)
                .web(WebApplicationType.NONE)
                .properties("spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                        "spring.kafka.consumer.auto-offset-reset=earliest",
                        "spring.main.banner-mode=off")
                .run()) {
            time("Boot context with KafkaAutoConfiguration started", start);
            long send = System.nanoTime();
            @SuppressWarnings("unchecked")
            KafkaTemplate<Object, Object> template = context.getBean(KafkaTemplate.class);
            template.send("spike.boot", "k", "from boot").get(30, TimeUnit.SECONDS);
            String value = context.getBean(BootApp.class).received.poll(60, TimeUnit.SECONDS);
            time("first round trip through @KafkaListener (group join included)", send);
            assertThat(value).isEqualTo("from boot");
        }
    }

    @Test
    void aGroupOfTwoMembersFormsWithTheClassicProtocol() throws Exception {
        groupOfTwo("spike.group.classic", "spike-classic", Map.of(), "classic");
    }

    @Test
    void aGroupOfTwoMembersFormsWithTheNewConsumerProtocol() throws Exception {
        groupOfTwo("spike.group.consumer", "spike-consumer",
                Map.of(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer"), "consumer (KIP-848)");
    }

    /**
     * Two containers of two consumers each in one group: how long until both hold partitions, and until the first
     * holds every partition after the second stops gracefully.
     */
    private void groupOfTwo(String topic, String group, Map<String, Object> extra, String protocol) throws Exception {
        BlockingQueue<ConsumerRecord<String, String>> received = new LinkedBlockingQueue<>();
        ConcurrentMessageListenerContainer<String, String> first = container(topic, group, extra, received::add);
        ConcurrentMessageListenerContainer<String, String> second = container(topic, group, extra, received::add);
        long start = System.nanoTime();
        first.start();
        second.start();
        try {
            // KIP-848 hands partitions out incrementally: wait for all four, not just one on each side
            await().atMost(Duration.ofSeconds(60)).until(() -> assigned(first) > 0 && assigned(second) > 0
                    && assigned(first) + assigned(second) == 4);
            time("group of 2 containers x 2 consumers formed, " + protocol + " protocol", start);
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    broker.getBrokersAsString()))) {
                ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all()
                        .get(30, TimeUnit.SECONDS).get(group);
                assertThat(description.members()).hasSize(4);
            }
            long leave = System.nanoTime();
            second.stop();
            await().atMost(Duration.ofSeconds(60)).until(() -> assigned(first) == 4);
            time("partitions moved to the remaining member after a graceful stop, " + protocol + " protocol", leave);
        } finally {
            first.stop();
            second.stop();
        }
    }

    /**
     * A member hung in its listener (as stage code that never returns) is evicted after {@code max.poll.interval.ms}
     * (3 s here): how long until the other member holds every partition. The record it hung on is re-delivered.
     */
    @Test
    void aHungMemberIsEvictedAfterMaxPollInterval() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        BlockingQueue<ConsumerRecord<String, String>> healthy = new LinkedBlockingQueue<>();
        Map<String, Object> shortPoll = Map.of(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 3000);
        ConcurrentMessageListenerContainer<String, String> hung = container("spike.group.hung", "spike-hung", shortPoll,
                record -> {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
        hung.setConcurrency(1);
        ConcurrentMessageListenerContainer<String, String> other = container("spike.group.hung", "spike-hung",
                shortPoll, healthy::add);
        other.setConcurrency(1);
        DefaultKafkaProducerFactory<String, String> producers = producers();
        hung.start();
        other.start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> assigned(hung) > 0 && assigned(other) > 0);
            int partition = hung.getAssignedPartitions().iterator().next().partition();
            new KafkaTemplate<>(producers).send("spike.group.hung", partition, "k", "stuck").get(30, TimeUnit.SECONDS);
            awaitTakeover(other, healthy, "stuck", "hung member evicted, max.poll.interval.ms=3000", System.nanoTime());
        } finally {
            release.countDown();
            hung.stop();
            other.stop();
            producers.destroy();
        }
    }

    /**
     * A member in another JVM killed with SIGKILL is evicted after its {@code session.timeout.ms} (3 s here): how
     * long until the surviving member holds every partition and gets the killed member's uncommitted record.
     */
    @Test
    void aKilledMemberInAChildJvmIsEvictedAfterItsSessionTimeout() throws Exception {
        BlockingQueue<ConsumerRecord<String, String>> survivor = new LinkedBlockingQueue<>();
        ConcurrentMessageListenerContainer<String, String> other = container("spike.group.killed", "spike-killed",
                Map.of(), survivor::add);
        other.setConcurrency(1);
        other.start();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        long spawn = System.nanoTime();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                KilledMember.class.getName(), broker.getBrokersAsString())
                .redirectErrorStream(true).start();
        DefaultKafkaProducerFactory<String, String> producers = producers();
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            String assignedLine = null;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("ASSIGNED ")) {
                    assignedLine = line;
                    break;
                }
            }
            assertThat(assignedLine).as("the child JVM's consumer got partitions").isNotNull();
            time("child JVM consumer joined the group (JVM start included)", spawn);
            await().atMost(Duration.ofSeconds(60)).until(() -> assigned(other) > 0 && assigned(other) < 4);
            int partition = Integer.parseInt(assignedLine.substring("ASSIGNED ".length()).split(",")[0].trim());
            new KafkaTemplate<>(producers).send("spike.group.killed", partition, "k", "orphan")
                    .get(30, TimeUnit.SECONDS);
            while ((line = lines.readLine()) != null && !line.startsWith("HOLDING")) {
                // the child polled the record and holds it without committing
            }
            assertThat(line).isNotNull();
            long kill = System.nanoTime();
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            awaitTakeover(other, survivor, "orphan", "killed member evicted, session.timeout.ms=3000", kill);
        } finally {
            child.destroyForcibly();
            other.stop();
            producers.destroy();
        }
    }

    /**
     * Waits until {@code survivor} owns all 4 partitions and has received the departed member's uncommitted record
     * {@code value}, timing both from {@code start}.
     */
    private static void awaitTakeover(ConcurrentMessageListenerContainer<String, String> survivor,
                                      BlockingQueue<ConsumerRecord<String, String>> received, String value,
                                      String what, long start) throws InterruptedException {
        await().atMost(Duration.ofSeconds(60)).until(() -> assigned(survivor) == 4);
        time(what, start);
        ConsumerRecord<String, String> redelivered = received.poll(30, TimeUnit.SECONDS);
        time("  its uncommitted record re-delivered to the survivor", start);
        assertThat(redelivered).isNotNull();
        assertThat(redelivered.value()).isEqualTo(value);
    }

    /** The child JVM's consumer: joins the group, says which partitions it got, then holds what it polls. */
    public static final class KilledMember {
        public static void main(String[] args) {
            Map<String, Object> props = new java.util.HashMap<>();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
            props.put(ConsumerConfig.GROUP_ID_CONFIG, "spike-killed");
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 3000);
            props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 500);
            props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
            props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
            try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, String>(props)) {
                consumer.subscribe(List.of("spike.group.killed"));
                boolean announced = false;
                while (true) {
                    var records = consumer.poll(Duration.ofMillis(100));
                    if (!announced && !consumer.assignment().isEmpty()) {
                        StringBuilder partitions = new StringBuilder();
                        consumer.assignment().forEach(tp -> partitions.append(partitions.length() == 0 ? "" : ",")
                                .append(tp.partition()));
                        System.out.println("ASSIGNED " + partitions);
                        announced = true;
                    }
                    if (!records.isEmpty()) {
                        System.out.println("HOLDING " + records.count());
                    }
                }
            }
        }
    }

    private static int assigned(ConcurrentMessageListenerContainer<?, ?> container) {
        var partitions = container.getAssignedPartitions();
        return partitions == null ? 0 : partitions.size();
    }

    private static ConcurrentMessageListenerContainer<String, String> container(
            String topic, String group, Map<String, Object> extra,
            java.util.function.Consumer<ConsumerRecord<String, String>> sink) {
        Map<String, Object> props = new java.util.HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.putAll(extra);
        ContainerProperties containerProperties = new ContainerProperties(topic);
        containerProperties.setAckMode(ContainerProperties.AckMode.BATCH);
        containerProperties.setMessageListener((MessageListener<String, String>) sink::accept);
        ConcurrentMessageListenerContainer<String, String> container = new ConcurrentMessageListenerContainer<>(
                new DefaultKafkaConsumerFactory<>(props), containerProperties);
        container.setConcurrency(2);
        return container;
    }

    private static DefaultKafkaProducerFactory<String, String> producers() {
        Map<String, Object> props = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return new DefaultKafkaProducerFactory<>(props);
    }

    private static synchronized void time(String what, long startNanos) {
        timings.add(String.format("%-80s %,8d ms", what,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos)));
    }

    /** The smallest Boot application with Kafka: the connection from spring.kafka.*, one listener. */
    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class BootApp {
        final BlockingQueue<String> received = new LinkedBlockingQueue<>();

        @KafkaListener(topics = "spike.boot", groupId = "spike-boot")
        void listen(String value) {
            received.add(value);
        }
    }
}
