package io.minigun.kafka;

import io.minigun.Pipeline;
import io.minigun.RunResult;
import io.minigun.RunStatus;
import io.minigun.stats.StageStats;
import io.minigun.support.Conservation;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** A run whose remote stage is served by two worker instances over a real broker: every item exactly once. */
class DeliveredOnceTest extends BrokerTestSupport {

    @Test
    @Timeout(90)
    void everyItemIsDeliveredDownstreamExactlyOnceAndBothWorkersRanSome() {
        int items = 5_000;
        String name = "once";
        KafkaRemoting coordinator = remoting("coord");
        KafkaRemoting w1 = remoting("w1");
        KafkaRemoting w2 = remoting("w2");
        KafkaStageOptions options = KafkaStageOptions.defaults("minigun", name, "enrich").withConsumers(2);
        Map<Integer, AtomicInteger> received = counts();
        Map<String, AtomicInteger> ranBy = new ConcurrentHashMap<>();
        Pipeline pipeline = doubling(name, items, coordinator.transport(name, "enrich", options), 0, received, ranBy);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        new KafkaWorkerMetrics(w1).bindTo(meters); // before serve: meters of stages served later come too
        w1.serve(pipeline, "enrich", options);
        w2.serve(pipeline, "enrich", options);
        new KafkaWorkerMetrics(w2).bindTo(meters);
        coordinator.start();
        w1.start();
        w2.start();
        awaitGroup("minigun.once.enrich.items", 4);

        RunResult result = Conservation.assertHolds(pipeline.run());

        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(received).hasSize(items);
        for (int i = 0; i < items; i++) {
            assertThat(received.get(2 * i)).as("item %d downstream", i).hasValue(1);
        }
        StageStats enrich = result.stats().stage("enrich");
        assertThat(enrich.consumed()).isEqualTo(items);
        assertThat(enrich.succeeded()).isEqualTo(items);
        assertThat(enrich.failed()).isZero();
        Conservation.assertDelivered(result, "enrich", "save");
        long ranOnW1 = w1.worker(name, "enrich").ran.sum();
        long ranOnW2 = w2.worker(name, "enrich").ran.sum();
        assertThat(ranOnW1).as("items run on w1").isPositive();
        assertThat(ranOnW2).as("items run on w2").isPositive();
        assertThat(ranOnW1 + ranOnW2).isGreaterThanOrEqualTo(items);
        assertThat(ranBy.keySet()).containsExactlyInAnyOrder("w1", "w2");
        for (String instance : List.of("w1", "w2")) {
            Tags tags = Tags.of("pipeline", name, "stage", "enrich", "instance", instance);
            assertThat(meters.get(KafkaWorkerMetrics.ITEMS).tags(tags).tag("outcome", "success").functionCounter()
                    .count()).as("success meter of %s", instance).isEqualTo(ranBy.get(instance).get());
            assertThat(meters.get(KafkaWorkerMetrics.ITEMS).tags(tags).tag("outcome", "failure").functionCounter()
                    .count()).isZero();
            assertThat(meters.get(KafkaWorkerMetrics.DURATION).tags(tags).functionTimer().count())
                    .isEqualTo(ranBy.get(instance).get());
        }
        long routed = coordinator.router().routed.sum();
        report("DeliveredOnceTest", items, received.size(), routed - items, 0, items - received.size(),
                "ranOn{w1=" + ranOnW1 + ", w2=" + ranOnW2 + "} time=" + result.duration().toMillis() + "ms");
    }
}
