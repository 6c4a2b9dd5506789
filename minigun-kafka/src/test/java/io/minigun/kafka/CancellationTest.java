package io.minigun.kafka;

import io.minigun.Minigun;
import io.minigun.Output;
import io.minigun.Pipeline;
import io.minigun.PipelineRun;
import io.minigun.RunResult;
import io.minigun.RunStatus;
import io.minigun.stats.StageStats;
import io.minigun.support.Conservation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A run cancelled mid-run on the coordinator: the workers learn it from the control topic and skip its items. */
class CancellationTest extends BrokerTestSupport {
    /**
     * A worker checks a record's run just before it calls stage code, and the call records its start right after;
     * a cancellation that lands between the two is legitimately later than the start it let through. The margin
     * covers that gap (microseconds, unless the JVM pauses), not a batch.
     */
    private static final long RACE_MARGIN_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    record Call(String instance, long startNanos) {
    }

    @Test
    @Timeout(90)
    void aCancelledRunEndsCancelledAndWorkersStopCallingStageCodeForIt() throws Exception {
        int items = 100_000;
        String name = "cancel";
        KafkaRemoting coordinator = remoting("coord");
        KafkaRemoting w1 = remoting("w1");
        KafkaRemoting w2 = remoting("w2");
        KafkaStageOptions options = KafkaStageOptions.defaults("minigun", name, "enrich");
        List<Call> calls = new CopyOnWriteArrayList<>();
        AtomicInteger received = new AtomicInteger();
        Pipeline pipeline = Minigun.pipeline(name)
                .producer("gen", out -> {
                    for (int i = 0; i < items && !out.context().isCancelled(); i++) {
                        out.emit(i);
                    }
                })
                .processor("enrich", (Integer n, Output<Integer> out) -> {
                    calls.add(new Call(instanceOfThisThread(), System.nanoTime()));
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1)); // stands for stage code's work
                    out.emit(n * 2);
                }, s -> s.transport(coordinator.transport(name, "enrich", options)))
                .consumer("save", (Integer n) -> received.incrementAndGet())
                .build();
        w1.serve(pipeline, "enrich", options);
        w2.serve(pipeline, "enrich", options);
        coordinator.start();
        w1.start();
        w2.start();
        awaitGroup("minigun.cancel.enrich.items", 2);

        PipelineRun run = pipeline.start();
        await("200 results downstream").atMost(Duration.ofSeconds(30)).until(() -> received.get() >= 200);
        run.cancel();
        RunResult result = Conservation.assertHolds(run.await(Duration.ofSeconds(30)));

        assertThat(result.status()).isEqualTo(RunStatus.CANCELLED);
        StageStats enrich = result.stats().stage("enrich");
        assertThat(enrich.consumed()).isEqualTo(enrich.succeeded() + enrich.failed() + enrich.cancelled());
        assertThat(enrich.cancelled()).as("what was in flight").isPositive();
        await("both workers know the run is cancelled").atMost(Duration.ofSeconds(10)).until(() ->
                w1.cancellations().isCancelled(run.id()) && w2.cancellations().isCancelled(run.id()));
        await("every item of the run consumed (run or skipped)").atMost(Duration.ofSeconds(30))
                .until(() -> lag("minigun.cancel.enrich.items", options.itemsTopic()) == 0);
        long seenByW1 = w1.cancellations().seenAt(run.id()).orElseThrow();
        long seenByW2 = w2.cancellations().seenAt(run.id()).orElseThrow();
        List<Call> late = calls.stream().filter(c -> c.startNanos() > RACE_MARGIN_NANOS
                + (c.instance().equals("w1") ? seenByW1 : seenByW2)).toList();
        assertThat(late).as("stage code calls started after the worker saw the cancellation").isEmpty();
        long skipped = w1.worker(name, "enrich").skipped.sum() + w2.worker(name, "enrich").skipped.sum();
        assertThat(skipped).as("records of the cancelled run skipped without stage code").isPositive();
        assertThat((long) received.get()).as("downstream got at most what succeeded (its queue is cancelled too)")
                .isLessThanOrEqualTo(enrich.succeeded());
        // after a cancellation the engine stops counting what it drops: duplicates are not observable here
        report("CancellationTest", enrich.consumed(), received.get(), null, 0, 0,
                "calls=" + calls.size() + " skippedOnWorkers=" + skipped + " cancelledInFlight=" + enrich.cancelled()
                        + " resultsRouted=" + coordinator.router().routed.sum()
                        + " resultsIgnoredAfterClose=" + coordinator.router().ignored.sum());
    }
}
