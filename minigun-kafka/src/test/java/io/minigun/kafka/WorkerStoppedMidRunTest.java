package io.minigun.kafka;

import io.minigun.Pipeline;
import io.minigun.PipelineRun;
import io.minigun.RunResult;
import io.minigun.RunStatus;
import io.minigun.support.Conservation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A worker instance stopped gracefully in the middle of a run: its partitions move, nothing is lost or doubled. */
class WorkerStoppedMidRunTest extends BrokerTestSupport {

    @Test
    @Timeout(90)
    void aWorkerStoppedMidRunLeavesTheRunCompletedWithEveryItemOnce() throws Exception {
        int items = 10_000;
        String name = "stopped";
        KafkaRemoting coordinator = remoting("coord");
        KafkaRemoting w1 = remoting("w1");
        KafkaRemoting w2 = remoting("w2");
        KafkaStageOptions options = KafkaStageOptions.defaults("minigun", name, "enrich").withMaxInFlight(500);
        Map<Integer, AtomicInteger> received = counts();
        Map<String, AtomicInteger> ranBy = new ConcurrentHashMap<>();
        Pipeline pipeline = doubling(name, items, coordinator.transport(name, "enrich", options),
                TimeUnit.MICROSECONDS.toNanos(200), received, ranBy);
        w1.serve(pipeline, "enrich", options);
        w2.serve(pipeline, "enrich", options);
        coordinator.start();
        w1.start();
        w2.start();
        awaitGroup("minigun.stopped.enrich.items", 2);

        PipelineRun run = pipeline.start();
        StageWorker second = w2.worker(name, "enrich");
        await("w2 ran 1,000 items").atMost(Duration.ofSeconds(30)).until(() -> second.ran.sum() >= 1_000);
        long receivedAtStop = received.size();
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(w2::stop, r -> new Thread(r, "test-stopper").start());
        RunResult result = Conservation.assertHolds(run.await(Duration.ofSeconds(60)));
        stopping.get(30, TimeUnit.SECONDS);

        assertThat(receivedAtStop).as("the run was still going when w2 stopped").isLessThan(items);
        assertThat(w2.isRunning()).isFalse();
        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(received).hasSize(items);
        for (int i = 0; i < items; i++) {
            assertThat(received.get(2 * i)).as("item %d downstream", i).hasValue(1);
        }
        assertThat(result.stats().stage("enrich").succeeded()).isEqualTo(items);
        long ranOnW1 = w1.worker(name, "enrich").ran.sum();
        long ranOnW2 = second.ran.sum();
        assertThat(ranOnW1).isPositive();
        long routed = coordinator.router().routed.sum();
        report("WorkerStoppedMidRunTest", items, received.size(), routed - items, 0, items - received.size(),
                "ranOn{w1=" + ranOnW1 + ", w2=" + ranOnW2 + "} deliveredWhenW2Stopped=" + receivedAtStop
                        + " time=" + result.duration().toMillis() + "ms");
    }
}
