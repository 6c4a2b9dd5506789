package io.minigun.kafka;

import io.minigun.Minigun;
import io.minigun.Pipeline;
import org.apache.kafka.clients.producer.ProducerConfig;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A worker instance in its own JVM, for {@link WorkerKilledMidRunTest}: serves the {@code enrich} stage of pipeline
 * {@code args[2]} (doubling, {@code args[3]} microseconds of work per item) as instance {@code args[1]} on broker
 * {@code args[0]}, until it is killed.
 */
public final class ChildWorker {
    private ChildWorker() {
    }

    public static void main(String[] args) throws InterruptedException {
        String bootstrap = args[0];
        String instance = args[1];
        String name = args[2];
        long workNanos = TimeUnit.MICROSECONDS.toNanos(Long.parseLong(args[3]));
        Pipeline pipeline = Minigun.pipeline(name)
                .producer("gen", out -> { })
                .processor("enrich", (Integer n) -> {
                    LockSupport.parkNanos(workNanos);
                    return n * 2;
                })
                .consumer("save", (Integer n) -> { })
                .build();
        KafkaRemoting worker = new KafkaRemoting(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                BrokerTestSupport.consumerConfig(bootstrap), KafkaRemotingOptions.defaults(instance));
        worker.serve(pipeline, "enrich", KafkaStageOptions.defaults("minigun", name, "enrich"));
        worker.start();
        System.out.println("STARTED " + instance);
        new CountDownLatch(1).await(); // until destroyForcibly()
    }
}
