package io.minigun.kafka;

import io.minigun.Minigun;
import io.minigun.Pipeline;
import io.minigun.PipelineRun;
import io.minigun.RunResult;
import io.minigun.RunStatus;
import io.minigun.support.Conservation;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The coordinator never has more than {@code max-in-flight} items of a run out: with the remote stage code held, the
 * items topic stops growing at exactly that many records, and the producer upstream stops producing (its queue is
 * full), until stage code goes on.
 */
class BackpressureTest extends BrokerTestSupport {

    @Test
    @Timeout(90)
    void aRunNeverHasMoreThanMaxInFlightItemsPublishedAndUnsettled() throws Exception {
        int items = 2_000;
        int maxInFlight = 20;
        String name = "backpressure";
        KafkaRemoting coordinator = remoting("coord");
        KafkaRemoting w1 = remoting("w1");
        KafkaStageOptions options = KafkaStageOptions.defaults("minigun", name, "enrich")
                .withMaxInFlight(maxInFlight);
        CountDownLatch hold = new CountDownLatch(1);
        AtomicLong produced = new AtomicLong();
        Map<Integer, AtomicInteger> received = counts();
        Pipeline pipeline = Minigun.pipeline(name)
                .producer("gen", out -> {
                    for (int i = 0; i < items; i++) {
                        out.emit(i);
                        produced.incrementAndGet();
                    }
                })
                .processor("enrich", (Integer n) -> {
                    hold.await(60, TimeUnit.SECONDS);
                    return n * 2;
                }, s -> s.transport(coordinator.transport(name, "enrich", options)).queueSize(10))
                .consumer("save", (Integer n) -> received.computeIfAbsent(n, k -> new AtomicInteger())
                        .incrementAndGet())
                .build();
        w1.serve(pipeline, "enrich", options);
        coordinator.start();
        w1.start();
        awaitGroup(options.itemsTopic(), 1);

        PipelineRun run = pipeline.start();
        try (Admin admin = admin()) {
            await("the window is full").atMost(Duration.ofSeconds(30))
                    .until(() -> published(admin, options.itemsTopic()) == maxInFlight);
            await("the items topic stays at max-in-flight").during(Duration.ofMillis(500))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> published(admin, options.itemsTopic()) == maxInFlight);
            long producedWhileHeld = produced.get();
            assertThat(producedWhileHeld).as("the producer is blocked, not done").isLessThan(items);
            hold.countDown();

            RunResult result = Conservation.assertHolds(run.await(Duration.ofSeconds(60)));

            assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(received).hasSize(items).allSatisfy((n, count) -> assertThat(count).hasValue(1));
            assertThat(published(admin, options.itemsTopic())).isEqualTo(items);
            report("BackpressureTest", items, received.size(), coordinator.router().routed.sum() - items, 0,
                    items - received.size(), "maxInFlight=" + maxInFlight + " publishedWhileHeld=" + maxInFlight
                            + " producedWhileHeld=" + producedWhileHeld);
        } finally {
            hold.countDown();
        }
    }

    /** Records in all partitions of {@code topic} (its end offsets: nothing is deleted here). */
    private static long published(Admin admin, String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        return admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).values().stream()
                .mapToLong(info -> info.offset()).sum();
    }
}
