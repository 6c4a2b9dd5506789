package io.minigun.spring.boot.remote;

import io.minigun.PipelineRun;
import io.minigun.RunResult;
import io.minigun.RunStatus;
import io.minigun.execution.PipelineExecutor;
import io.minigun.execution.PlannedStage;
import io.micrometer.core.instrument.MeterRegistry;
import io.minigun.kafka.KafkaRemoting;
import io.minigun.spring.boot.actuate.endpoint.MinigunEndpoint;
import io.minigun.kafka.KafkaWorkerMetrics;
import io.minigun.spring.boot.remote.RemoteOrdersApplication.Ledger;
import io.minigun.stats.StageStats;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A stage over Kafka between Spring Boot application contexts, against a real embedded KRaft broker: a coordinator
 * (instance A, which also serves the stage) and two more instances of the same application (B and C) configured
 * only with {@code minigun.pipelines.orders.stages.enrich.transport=kafka}. Each test has its own topics (its own
 * {@code minigun.kafka.topic-prefix}) and prints what it counted: sent, delivered, duplicates, dead-lettered, lost.
 */
@Timeout(120)
class KafkaRemoteStageTests {
    private static final int PARTITIONS = 6;
    private static final AtomicInteger TESTS = new AtomicInteger();
    private static EmbeddedKafkaKraftBroker broker;

    private final List<ConfigurableApplicationContext> contexts = new CopyOnWriteArrayList<>();
    private final Map<ConfigurableApplicationContext, Ledger> ledgers = new java.util.concurrent.ConcurrentHashMap<>();
    private String prefix;

    @BeforeAll
    static void startBroker() {
        broker = new EmbeddedKafkaKraftBroker(1, PARTITIONS);
        // a killed or closed member leaves the group quickly (the broker's minimum session timeout is 6 s)
        broker.brokerProperty("group.min.session.timeout.ms", "1000");
        broker.afterPropertiesSet();
    }

    @AfterAll
    static void stopBroker() {
        broker.destroy();
        // the broker sets it for every context of this JVM: other test classes must not connect to a dead broker
        System.clearProperty("spring.kafka.bootstrap-servers");
    }

    @BeforeEach
    void topics(TestInfo test) {
        prefix = "t" + TESTS.incrementAndGet();
    }

    @AfterEach
    void closeContexts() {
        contexts.forEach(ConfigurableApplicationContext::close);
        assertThat(threadsNamed("minigun")).as("no minigun thread outlives its context").isEmpty();
    }

    @Test
    void everyItemReachesTheRestOfTheDagExactlyOnceAndEveryInstanceRunsSome() {
        List<ConfigurableApplicationContext> instances = startInstances("A", "B", "C");
        PipelineExecutor coordinator = instances.get(0).getBean(PipelineExecutor.class);
        PlannedStage enrich = coordinator.plan("orders").stage("enrich");
        assertThat(enrich.placement()).isEqualTo("remote");
        assertThat(enrich.transport()).isEqualTo("kafka");
        MinigunEndpoint.StageDescriptor described = new MinigunEndpoint(coordinator).pipeline("orders").stages()
                .stream().filter(stage -> stage.name().equals("enrich")).findFirst().orElseThrow();
        assertThat(described.placement()).as("what the endpoint and the live view show").isEqualTo("remote");
        assertThat(described.transport()).isEqualTo("kafka");

        int items = 3_000;
        RunResult result = coordinator.run("orders", Map.of("count", items));

        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        Map<Integer, AtomicInteger> saved = ledger(instances.get(0)).saved.get(result.id());
        assertThat(saved).hasSize(items);
        for (int i = 1; i <= items; i++) {
            assertThat(saved.get(2 * i)).as("item %d in save", i).hasValue(1);
        }
        StageStats stats = result.stats().stage("enrich");
        assertThat(stats.consumed()).isEqualTo(items);
        assertThat(stats.succeeded()).isEqualTo(items);
        assertThat(result.stats().stage("save").consumed()).isEqualTo(items);
        for (ConfigurableApplicationContext instance : instances) {
            assertThat(ledger(instance).ranIn(result.id())).as("items instance %s ran", ledger(instance).instance)
                    .isPositive();
        }
        MeterRegistry coordinatorMeters = instances.get(0).getBean(MeterRegistry.class);
        assertThat(coordinatorMeters.get("minigun.stage.items").tags("pipeline", "orders", "stage", "enrich",
                "outcome", "success").functionCounter().count()).as("the remote stage's meter on the coordinator")
                .isEqualTo(items);
        for (ConfigurableApplicationContext instance : instances) {
            Ledger ledger = ledger(instance);
            assertThat(instance.getBean(MeterRegistry.class).get(KafkaWorkerMetrics.ITEMS)
                    .tags("pipeline", "orders", "stage", "enrich", "instance", ledger.instance, "outcome", "success")
                    .functionCounter().count()).as("worker meter of %s", ledger.instance)
                    .isEqualTo(ledger.ran.get(result.id()).values().stream().mapToInt(AtomicInteger::get).sum());
        }
        report("delivered once", items, saved, instances, result.id(), 0);
    }

    @Test
    void aWorkerContextClosedMidRunLosesNothing() throws Exception {
        List<ConfigurableApplicationContext> instances = startInstances("A", "B", "C");
        PipelineExecutor coordinator = instances.get(0).getBean(PipelineExecutor.class);
        int items = 20_000;
        PipelineRun run = coordinator.start("orders", Map.of("count", items));
        Ledger b = ledger(instances.get(1));
        await().atMost(Duration.ofSeconds(60)).until(() -> b.ranIn(run.id()) >= 200 || run.isDone());
        CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> instances.get(1).close());

        RunResult result = run.await();
        closing.get(60, TimeUnit.SECONDS);

        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        Map<Integer, AtomicInteger> saved = ledger(instances.get(0)).saved.get(result.id());
        assertThat(saved).hasSize(items).allSatisfy((n, count) -> assertThat(count).hasValue(1));
        assertThat(result.stats().stage("enrich").succeeded()).isEqualTo(items);
        report("worker context closed", items, saved, instances, result.id(), 0);
    }

    @Test
    void anInstanceKilledAbruptlyMidRunLosesNothing() throws Exception {
        List<ConfigurableApplicationContext> instances = startInstances("A", "B");
        Process killed = startInstanceInItsOwnJvm("K");
        try {
            awaitStableGroupOf(3);
            PipelineExecutor coordinator = instances.get(0).getBean(PipelineExecutor.class);
            int items = 6_000;
            PipelineRun run = coordinator.start("orders", Map.of("count", items, "workMicros", 300));
            Ledger a = ledger(instances.get(0));
            await().atMost(Duration.ofSeconds(60)).until(() -> a.saved.getOrDefault(run.id(), Map.of()).size()
                    >= items / 4 || run.isDone());
            int deliveredAtKill = a.saved.getOrDefault(run.id(), Map.of()).size();
            killed.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

            RunResult result = run.await();

            assertThat(deliveredAtKill).as("the run was still going when K died").isLessThan(items);
            assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
            Map<Integer, AtomicInteger> saved = a.saved.get(result.id());
            assertThat(saved).hasSize(items).allSatisfy((n, count) -> assertThat(count).hasValue(1));
            assertThat(result.stats().stage("enrich").succeeded()).isEqualTo(items);
            int ranHere = instances.stream().mapToInt(i -> ledger(i).ran.get(result.id()).values().stream()
                    .mapToInt(AtomicInteger::get).sum()).sum();
            System.out.printf("[kafka] instance killed: sent %d, delivered %d (%d when K was killed), stage code "
                    + "runs on A and B %d (the rest ran on K before it died), lost %d%n", items, saved.size(),
                    deliveredAtKill, ranHere, items - saved.size());
        } finally {
            killed.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void poisonItemsEndInTheDeadLetterTopicAndNowhereElse() {
        List<ConfigurableApplicationContext> instances = startInstances("A", "B");
        PipelineExecutor coordinator = instances.get(0).getBean(PipelineExecutor.class);
        int items = 1_000;

        RunResult result = coordinator.run("orders", Map.of("count", items, "poison", true));

        List<Integer> poison = new ArrayList<>();
        for (int n = 97; n <= items; n += 97) {
            poison.add(n);
        }
        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED_WITH_FAILURES);
        assertThat(result.failed()).isEqualTo(poison.size());
        assertThat(result.failures()).allSatisfy(f -> {
            assertThat(f.stage()).isEqualTo("enrich");
            assertThat(f.attempts()).isEqualTo(3);
            assertThat(f.exception()).hasMessageContaining("poison item " + f.item());
        });
        assertThat(result.failures().stream().map(f -> (Integer) f.item()).sorted().toList()).isEqualTo(poison);
        Map<Integer, AtomicInteger> saved = ledger(instances.get(0)).saved.get(result.id());
        assertThat(saved).hasSize(items - poison.size());
        poison.forEach(n -> assertThat(saved).doesNotContainKey(2 * n));

        List<ConsumerRecord<byte[], byte[]>> deadLetters = readAll(prefix + ".orders.enrich.dlt", poison.size());
        assertThat(deadLetters).allSatisfy(record -> {
            assertThat(new String(record.key())).isEqualTo(result.id());
            assertThat(record.headers().lastHeader("minigun-stage")).isNotNull();
            assertThat(record.headers().lastHeader("minigun-attempts")).isNotNull();
        });
        report("poison", items, saved, instances, result.id(), deadLetters.size());
    }

    @Test
    void twoConcurrentRunsNeverSeeEachOthersItems() throws Exception {
        List<ConfigurableApplicationContext> instances = startInstances("A", "B");
        PipelineExecutor coordinator = instances.get(0).getBean(PipelineExecutor.class);

        PipelineRun first = coordinator.start("orders", Map.of("count", 2_000, "tag", "first"));
        PipelineRun second = coordinator.start("orders", Map.of("count", 3_000, "tag", "second"));
        RunResult one = first.await();
        RunResult two = second.await();

        assertThat(one.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(two.status()).isEqualTo(RunStatus.COMPLETED);
        Ledger a = ledger(instances.get(0));
        assertThat(a.saved.get(one.id())).hasSize(2_000).allSatisfy((n, c) -> assertThat(c).hasValue(1));
        assertThat(a.saved.get(two.id())).hasSize(3_000).allSatisfy((n, c) -> assertThat(c).hasValue(1));
        assertThat(a.saved.get(one.id()).keySet()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(4_000));
        for (ConfigurableApplicationContext instance : instances) {
            Ledger ledger = ledger(instance);
            if (ledger.parametersSeen.containsKey(one.id())) {
                assertThat(ledger.parametersSeen.get(one.id())).containsEntry("tag", "first");
            }
            if (ledger.parametersSeen.containsKey(two.id())) {
                assertThat(ledger.parametersSeen.get(two.id())).containsEntry("tag", "second");
            }
        }
        report("concurrent run 1", 2_000, a.saved.get(one.id()), instances, one.id(), 0);
        report("concurrent run 2", 3_000, a.saved.get(two.id()), instances, two.id(), 0);
    }

    @Test
    void cancellingARunStopsItsRemoteWork() {
        List<ConfigurableApplicationContext> instances = startInstances("A", "B");
        PipelineExecutor coordinator = instances.get(0).getBean(PipelineExecutor.class);
        int items = 5_000;
        PipelineRun run = coordinator.start("orders", Map.of("count", items, "gate", 100));
        await().atMost(Duration.ofSeconds(60)).until(() -> instances.stream()
                .allMatch(instance -> ledger(instance).gate.getCount() == 1
                        && ledger(instance).enriched.get() >= 100));

        run.cancel();
        RunResult result = run.await();
        int ranAtCancel = instances.stream().mapToInt(instance -> ledger(instance).ranIn(result.id())).sum();
        instances.forEach(instance -> ledger(instance).gate.countDown());

        assertThat(result.status()).isEqualTo(RunStatus.CANCELLED);
        StageStats enrich = result.stats().stage("enrich");
        assertThat(enrich.consumed()).isEqualTo(enrich.succeeded() + enrich.failed() + enrich.cancelled());
        assertThat(enrich.cancelled()).isPositive();
        assertThat(ranAtCancel).isLessThan(items);
        System.out.printf("[kafka] cancelled: sent %d, ran when cancelled %d, succeeded %d, cancelled %d%n",
                enrich.consumed(), ranAtCancel, enrich.succeeded(), enrich.cancelled());
    }

    // ---- instances -----------------------------------------------------------------------------------------------

    private List<ConfigurableApplicationContext> startInstances(String... names) {
        List<ConfigurableApplicationContext> started = new ArrayList<>();
        for (String name : names) {
            ConfigurableApplicationContext context = new SpringApplicationBuilder(RemoteOrdersApplication.class)
                    .web(WebApplicationType.NONE)
                    .properties(instanceProperties(name).toArray(String[]::new))
                    .run();
            contexts.add(context);
            started.add(context);
            ledger(context);
        }
        awaitGroup(started);
        return started;
    }

    private List<String> instanceProperties(String name) {
        return List.of(
                "spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                "spring.kafka.consumer.properties.session.timeout.ms=3000",
                "spring.kafka.consumer.properties.heartbeat.interval.ms=500",
                "spring.kafka.consumer.properties.max.poll.interval.ms=10000",
                "minigun.kafka.instance-id=" + name,
                "minigun.kafka.topic-prefix=" + prefix,
                "minigun.kafka.partitions=" + PARTITIONS,
                "minigun.progress.interval=0",
                "minigun.pipelines.orders.stages.enrich.transport=kafka",
                "minigun.pipelines.orders.stages.enrich.retries=2",
                "minigun.pipelines.orders.concurrency.backoff=10ms",
                "logging.level.org.apache.kafka=warn",
                "logging.level.org.springframework.kafka=warn");
    }

    /** Another instance of the application in a child JVM (this test's class path), which the test can kill. */
    private Process startInstanceInItsOwnJvm(String name) throws IOException {
        String javaBinary = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        File log = Path.of("target", "kafka-instance-" + name + ".log").toFile();
        List<String> command = new ArrayList<>(List.of(javaBinary, "-cp", System.getProperty("java.class.path"),
                RemoteOrdersApplication.class.getName(), "--spring.main.web-application-type=none"));
        instanceProperties(name).forEach(property -> command.add("--" + property));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
    }

    /** Until the stage's group is stable with {@code members} members, each owning some of its partitions. */
    private void awaitStableGroupOf(int members) {
        String group = prefix + ".orders.enrich.items";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.getBrokersAsString()))) {
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all()
                        .get(10, TimeUnit.SECONDS).get(group);
                return description.groupState() == GroupState.STABLE && description.members().size() == members
                        && description.members().stream()
                        .allMatch(m -> !m.assignment().topicPartitions().isEmpty())
                        && description.members().stream()
                        .mapToInt(m -> m.assignment().topicPartitions().size()).sum() == PARTITIONS;
            });
        }
    }

    /** Until every instance owns some of the stage's partitions, and together all of them, as their consumers see it. */
    private static void awaitGroup(List<ConfigurableApplicationContext> instances) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            int[] owned = instances.stream().mapToInt(instance -> instance.getBean(KafkaRemoting.class)
                    .assignedPartitions("orders", "enrich")).toArray();
            return Arrays.stream(owned).allMatch(n -> n > 0) && Arrays.stream(owned).sum() == PARTITIONS;
        });
    }

    /** The instance's ledger; still readable once its context is closed. */
    private Ledger ledger(ConfigurableApplicationContext context) {
        return ledgers.computeIfAbsent(context, c -> c.getBean(Ledger.class));
    }

    private List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int atLeast) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + topic);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= atLeast;
            });
        }
        return records;
    }

    private void report(String test, int sent, Map<Integer, AtomicInteger> saved,
                               List<ConfigurableApplicationContext> instances, String runId, int deadLettered) {
        int ran = instances.stream().map(this::ledger)
                .mapToInt(ledger -> ledger.ran.getOrDefault(runId, Map.of()).values().stream()
                        .mapToInt(AtomicInteger::get).sum()).sum();
        int delivered = saved.values().stream().mapToInt(AtomicInteger::get).sum();
        System.out.printf("[kafka] %s: sent %d, delivered %d, stage code runs %d (retries and re-deliveries %d), "
                + "dead-lettered %d, lost %d%n", test, sent, delivered, ran, Math.max(0, ran - sent), deadLettered,
                sent - delivered - deadLettered);
    }

    private static Set<String> threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith(prefix)).collect(Collectors.toSet());
    }
}
