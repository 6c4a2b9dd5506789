package io.minigun.benchmarks;

import io.minigun.Minigun;
import io.minigun.Pipeline;
import io.minigun.RunResult;
import io.minigun.kafka.KafkaRemoting;
import io.minigun.kafka.KafkaRemotingOptions;
import io.minigun.kafka.KafkaStageOptions;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.GroupState;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Items per second through a remote stage over Kafka (x·2, {@code transport: kafka}) on an embedded KRaft broker in
 * this JVM, with 1, 2 and 3 worker instances ({@link KafkaRemoting}s serving the stage; the coordinator only
 * publishes and collects). Every instance shares this JVM and its cores with the broker, so the figures measure the
 * protocol's overhead per item, not scale-out. Usage: {@code KafkaThroughput [items] [rounds]}; defaults 200,000
 * and 3 (after one warm-up round per configuration).
 */
public final class KafkaThroughput {
    private static final int PARTITIONS = 6;

    private KafkaThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int items = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, PARTITIONS);
        broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
        broker.afterPropertiesSet();
        try {
            System.out.printf("%s items per round, %d rounds after a warm-up, %d partitions, JDK %s%n", items, rounds,
                    PARTITIONS, Runtime.version());
            for (int workers = 1; workers <= Integer.getInteger("maxWorkers", 3); workers++) {
                double[] rates = measure(broker.getBrokersAsString(), workers, items, rounds);
                Arrays.sort(rates);
                System.out.printf("RESULT workers=%d median %,.0f items/s (min %,.0f, max %,.0f)%n", workers,
                        rates[rates.length / 2], rates[0], rates[rates.length - 1]);
            }
        } finally {
            broker.destroy();
        }
    }

    private static double[] measure(String bootstrap, int workers, int items, int rounds) throws Exception {
        Map<String, Object> producer = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.LINGER_MS_CONFIG, Integer.getInteger("linger", 5));
        Map<String, Object> consumer = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        KafkaStageOptions options = KafkaStageOptions.defaults("bench" + workers, "kafka", "twice")
                .withMaxInFlight(10_000);
        KafkaRemoting coordinator = new KafkaRemoting(producer, consumer, KafkaRemotingOptions.defaults("coordinator")
                .withPartitions(PARTITIONS));
        List<KafkaRemoting> instances = new ArrayList<>(List.of(coordinator));
        long[] count = new long[1];
        LongAdder sum = new LongAdder();
        Pipeline pipeline = Minigun.pipeline("kafka")
                .producer("generate", out -> {
                    for (long i = 0; i < count[0]; i++) {
                        out.emit(i);
                    }
                })
                .processor("twice", (Long x) -> x * 2, s -> s.transport(coordinator.transport("kafka", "twice",
                        options)))
                .consumer("sum", (Long x) -> sum.add(x))
                .build();
        try {
            coordinator.start();
            for (int w = 1; w <= workers; w++) {
                KafkaRemoting worker = new KafkaRemoting(producer, consumer,
                        KafkaRemotingOptions.defaults("worker" + w).withPartitions(PARTITIONS));
                instances.add(worker);
                worker.serve(pipeline, "twice", options);
                worker.start();
            }
            awaitGroup(bootstrap, options.itemsTopic(), workers);
            double[] rates = new double[rounds];
            for (int round = 0; round <= rounds; round++) {
                count[0] = round == 0 ? items / 10 : items;
                sum.reset();
                RunResult result = pipeline.run().throwIfFailed();
                long expected = count[0] * (count[0] - 1);
                if (sum.sum() != expected) {
                    throw new IllegalStateException("wrong sum " + sum.sum() + ", expected " + expected);
                }
                if (round > 0) {
                    rates[round - 1] = count[0] / (result.duration().toNanos() / 1e9);
                    System.out.printf("workers=%d round %d: %,.0f items/s%n", workers, round, rates[round - 1]);
                }
            }
            return rates;
        } finally {
            instances.forEach(KafkaRemoting::stop);
        }
    }

    /** Until {@code members} consumers of the group own every partition (a measuring tool, so it polls). */
    private static void awaitGroup(String bootstrap, String group, int members) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            while (System.nanoTime() < deadline) {
                ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all()
                        .get(10, TimeUnit.SECONDS).get(group);
                int assigned = description.members().stream()
                        .mapToInt(m -> m.assignment().topicPartitions().size()).sum();
                if (description.groupState() == GroupState.STABLE && description.members().size() == members
                        && assigned == PARTITIONS) {
                    return;
                }
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("group " + group + " did not get " + members + " members in 60 s");
    }
}
