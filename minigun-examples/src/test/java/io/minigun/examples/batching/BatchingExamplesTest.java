package io.minigun.examples.batching;

import io.minigun.Input;
import io.minigun.Minigun;
import io.minigun.Output;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class BatchingExamplesTest {

    @Test
    void batchesOfFourAreProcessedWhole() {
        BatchProcessor.Outcome o = BatchProcessor.run();
        assertThat(o.batchSizes()).containsExactly(2, 4, 4);
        assertThat(o.processed()).hasSize(10);
        assertThat(o.processed()).extracting(BatchProcessor.Processed::result)
                .contains("APPLE", "BANANA", "CHERRY")
                .containsExactlyInAnyOrderElementsOf(BatchProcessor.FRUITS.stream().map(String::toUpperCase).toList());
        assertThat(o.processed()).allSatisfy(p -> assertThat(p.result()).isEqualTo(p.item().toUpperCase()));
    }

    @Test
    void tenBatchesOfAHundredAreSummedInWorkerJvms() {
        List<BatchAndProcess.BatchSum> sums = BatchAndProcess.run();
        assertThat(sums).extracting(BatchAndProcess.BatchSum::first)
                .containsExactly(0, 100, 200, 300, 400, 500, 600, 700, 800, 900);
        assertThat(sums).allSatisfy(s -> {
            assertThat(s.size()).isEqualTo(100);
            assertThat(s.sum()).isEqualTo(100L * s.first() + 4950);
            assertThat(s.pid()).isNotEqualTo(ProcessHandle.current().pid());
        });
        assertThat(sums.stream().mapToLong(BatchAndProcess.BatchSum::sum).sum()).isEqualTo(499_500);
    }

    @Test
    void timedBatchFlushesBySizeThenAtTheEnd() {
        // a long timeout: only the size and the end of the stream flush here, whatever the machine's speed
        assertThat(TimedBatch.run(12, Duration.ofSeconds(20))).containsExactly(
                List.of(1, 2, 3, 4, 5), List.of(6, 7, 8, 9, 10), List.of(11, 12));
    }

    @Test
    void timedBatchFlushesWhatItHoldsOnceItsTimeoutHasPassed() {
        List<List<Integer>> batches = new CopyOnWriteArrayList<>();
        CountDownLatch firstTwoArrived = new CountDownLatch(2);
        Minigun.pipeline("timed-flush")
                .producer("generate", (Output<Integer> out) -> {
                    out.emit(1);
                    out.emit(2);
                    // fewer than 5 items: only the timeout can flush them
                    if (!firstTwoArrived.await(10, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the timeout never flushed the batch");
                    }
                    IntStream.rangeClosed(3, 7).forEach(out::emit);
                })
                .stage("timed_batch", (Input<Integer> in, Output<List<Integer>> out) ->
                        TimedBatch.batch(in, out, 5, Duration.ofMillis(100)))
                .consumer("process", (List<Integer> batch) -> {
                    batches.add(batch);
                    batch.forEach(item -> firstTwoArrived.countDown());
                })
                .build().run().throwIfFailed();

        // the producer's latch is what shows the timeout flushing: 1 and 2 arrived while it emitted nothing more
        assertThat(batches.stream().flatMap(List::stream)).containsExactly(1, 2, 3, 4, 5, 6, 7);
    }

    @Test
    void timedBatchRunsWithTheTimeoutItIsGiven() {
        // a timeout of 1 ns is due as soon as an item is in: batches far smaller than the size of 5
        List<List<Integer>> batches = TimedBatch.run(12, Duration.ofNanos(1));

        assertThat(batches.stream().flatMap(List::stream)).containsExactlyElementsOf(
                IntStream.rangeClosed(1, 12).boxed().toList());
        assertThat(batches).as("batches of 12 items flushed by a 1 ns timeout").hasSizeGreaterThan(3);
    }

    @Test
    void customBatchingSendsEachTypeAtItsThresholdAndFlushesTheRest() {
        assertThat(CustomBatching.run()).isEqualTo(Map.of(
                "newsletter", List.of(List.of(3, 6), List.of(9)),
                "transactional", List.of(List.of(1, 4, 7), List.of(10)),
                "alert", List.of(List.of(2, 5, 8))));
    }

    @Test
    void priorityBatchingSendsUrgentAloneHighInPairsAndFlushesTheRest() {
        assertThat(CustomBatching.runByPriority()).isEqualTo(Map.ofEntries(
                Map.entry("email_high", List.of(List.of(6, 18))),
                Map.entry("email_low", List.of(List.of(12))),
                Map.entry("email_normal", List.of(List.of(9))),
                Map.entry("email_urgent", List.of(List.of(3), List.of(15))),
                Map.entry("push_high", List.of(List.of(2, 14))),
                Map.entry("push_low", List.of(List.of(8, 20))),
                Map.entry("push_normal", List.of(List.of(5, 17))),
                Map.entry("push_urgent", List.of(List.of(11))),
                Map.entry("sms_high", List.of(List.of(10))),
                Map.entry("sms_low", List.of(List.of(4, 16))),
                Map.entry("sms_normal", List.of(List.of(1, 13))),
                Map.entry("sms_urgent", List.of(List.of(7), List.of(19)))));
    }
}
