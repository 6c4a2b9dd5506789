package io.minigun.kafka;

import io.minigun.Pipeline;
import io.minigun.PipelineRun;
import io.minigun.RunResult;
import io.minigun.RunStatus;
import io.minigun.support.Conservation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A worker in a child JVM killed (SIGKILL) in the middle of a run: it is evicted after its session timeout, its
 * uncommitted items are re-delivered to the surviving worker, and the coordinator drops the duplicate results.
 */
class WorkerKilledMidRunTest extends BrokerTestSupport {

    @Test
    @Timeout(120)
    void aWorkerKilledMidRunLosesNothingAndItsDuplicatesAreDropped() throws Exception {
        int items = 6_000;
        long workMicros = 1_000;
        String name = "killed";
        KafkaRemoting coordinator = remoting("coord");
        KafkaRemoting w1 = remoting("w1");
        KafkaStageOptions options = KafkaStageOptions.defaults("minigun", name, "enrich");
        Map<Integer, AtomicInteger> received = counts();
        Map<String, AtomicInteger> ranBy = new ConcurrentHashMap<>();
        Pipeline pipeline = doubling(name, items, coordinator.transport(name, "enrich", options),
                TimeUnit.MICROSECONDS.toNanos(workMicros), received, ranBy);
        w1.serve(pipeline, "enrich", options);
        coordinator.start();
        w1.start();

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        File log = Path.of("target", "child-worker-w2.log").toFile();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ChildWorker.class.getName(), broker.getBrokersAsString(), "w2", name, Long.toString(workMicros))
                .redirectErrorStream(true).redirectOutput(log).start();
        try {
            awaitGroup("minigun.killed.enrich.items", 2);
            PipelineRun run = pipeline.start();
            await("the coordinator has 500 results from w2").atMost(Duration.ofSeconds(30))
                    .until(() -> coordinator.router().routedFrom("w2") >= 500);
            long fromW2AtKill = coordinator.router().routedFrom("w2");
            long deliveredAtKill = received.size();
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

            RunResult result = Conservation.assertHolds(run.await(Duration.ofSeconds(60)));

            assertThat(deliveredAtKill).as("the run was still going when w2 died").isLessThan(items);
            assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(received).hasSize(items);
            for (int i = 0; i < items; i++) {
                assertThat(received.get(2 * i)).as("item %d downstream", i).hasValue(1);
            }
            assertThat(result.stats().stage("enrich").succeeded()).isEqualTo(items);
            long routed = coordinator.router().routed.sum();
            long duplicates = routed - items;
            assertThat(duplicates).isNotNegative();
            report("WorkerKilledMidRunTest", items, received.size(), duplicates, 0, items - received.size(),
                    "resultsFrom{w1=" + coordinator.router().routedFrom("w1") + ", w2=" + coordinator.router()
                            .routedFrom("w2") + "} w2ResultsAtKill=" + fromW2AtKill + " ranOnW1="
                            + w1.worker(name, "enrich").ran.sum() + " time=" + result.duration().toMillis() + "ms");
        } finally {
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }
}
