package io.minigun.examples.apps;

import io.minigun.Minigun;
import io.minigun.Pipeline;
import io.minigun.RunResult;
import io.minigun.kafka.KafkaRemoting;
import io.minigun.kafka.KafkaRemotingOptions;
import io.minigun.kafka.KafkaStageOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * A stage that runs on every instance of an application, over Kafka: the {@code enrich} stage of an order pipeline
 * (a slow price lookup, 200 µs per order) is given a Kafka transport, so its items travel through a topic to three
 * instances — the coordinator that starts the run and two more — which share them in one consumer group, and its
 * results come back into the run, which goes on as if the stage were local. Everything runs in this JVM, on an
 * embedded KRaft broker, so one command shows it; in production the instances are separate applications, and under
 * Spring Boot the same is one property ({@code minigun.pipelines.orders.stages.enrich.transport=kafka}, see
 * {@code docs/kafka.md}).
 *
 * <p>Output: 1,000 orders priced exactly once downstream (total 500,500 cents × 3), each instance's share of the
 * stage's work, the run's status and the remote stage's stats.
 */
public final class EnrichOverKafka {
    static final int ORDERS = 1_000;
    private static final int PARTITIONS = 6;

    private EnrichOverKafka() {
    }

    /** What the run showed: how many orders reached {@code total}, their sum, and what each instance enriched. */
    record Outcome(RunResult result, long orders, long totalCents, Map<String, Integer> enrichedBy) {
    }

    public static void main(String[] args) throws Exception {
        Outcome outcome = run();
        System.out.printf("status %s: %d orders priced, total %,d cents%n", outcome.result().status(),
                outcome.orders(), outcome.totalCents());
        System.out.println("enriched by instance: " + outcome.enrichedBy());
        System.out.println("enrich stage: " + outcome.result().stats().stage("enrich"));
    }

    static Outcome run() throws InterruptedException {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, PARTITIONS);
        broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
        broker.afterPropertiesSet();
        List<KafkaRemoting> instances = new ArrayList<>();
        try {
            String bootstrap = broker.getBrokersAsString();
            KafkaStageOptions enrichOverKafka = KafkaStageOptions.defaults("minigun", "orders", "enrich");
            Map<String, AtomicInteger> enrichedBy = new ConcurrentHashMap<>();
            LongAdder orders = new LongAdder();
            LongAdder total = new LongAdder();

            KafkaRemoting coordinator = instance("coordinator", bootstrap, instances);
            Pipeline pipeline = Minigun.pipeline("orders")
                    .producer("orders", out -> {
                        for (int id = 1; id <= ORDERS; id++) {
                            out.emit(id);
                        }
                    })
                    .processor("enrich", (Integer id) -> {
                        LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(200)); // the slow price lookup
                        enrichedBy.computeIfAbsent(instanceOfThisThread(), k -> new AtomicInteger()).incrementAndGet();
                        return id * 3L;
                    }, s -> s.transport(coordinator.transport("orders", "enrich", enrichOverKafka)))
                    .consumer("total", (Long cents) -> {
                        orders.increment();
                        total.add(cents);
                    })
                    .build();

            // every instance runs the same application, so every instance serves the stage: the coordinator too
            coordinator.serve(pipeline, "enrich", enrichOverKafka);
            coordinator.start();
            for (String name : List.of("instance-2", "instance-3")) {
                KafkaRemoting other = instance(name, bootstrap, instances);
                other.serve(pipeline, "enrich", enrichOverKafka);
                other.start();
            }
            awaitGroup(instances);

            RunResult result = pipeline.run();
            Map<String, Integer> shares = new TreeMap<>();
            enrichedBy.forEach((instance, count) -> shares.put(instance, count.get()));
            return new Outcome(result, orders.sum(), total.sum(), shares);
        } finally {
            instances.forEach(KafkaRemoting::stop);
            broker.destroy();
        }
    }

    private static KafkaRemoting instance(String name, String bootstrap, List<KafkaRemoting> instances) {
        KafkaRemoting instance = new KafkaRemoting(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                KafkaRemotingOptions.defaults(name).withPartitions(PARTITIONS));
        instances.add(instance);
        return instance;
    }

    /** Worker threads are named {@code minigun-kafka-<instance>-<pipeline>.<stage>-...}. */
    private static String instanceOfThisThread() {
        String name = Thread.currentThread().getName();
        String rest = name.startsWith("minigun-kafka-") ? name.substring("minigun-kafka-".length()) : name;
        int end = rest.indexOf("-orders.");
        return end < 0 ? rest : rest.substring(0, end);
    }

    /**
     * Until every instance owns some of the stage's partitions and together they own all of them, as their
     * consumers see it (up to a minute): then the run's items are shared by all three.
     */
    private static void awaitGroup(List<KafkaRemoting> instances) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (System.nanoTime() < deadline) {
            int[] owned = instances.stream().mapToInt(i -> i.assignedPartitions("orders", "enrich")).toArray();
            if (Arrays.stream(owned).allMatch(n -> n > 0) && Arrays.stream(owned).sum() == PARTITIONS) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        throw new IllegalStateException("the instances did not share the stage's " + PARTITIONS
                + " partitions within a minute");
    }
}
