package io.minigun;

import io.minigun.support.Conservation;
import io.minigun.support.MinigunThreads;
import io.minigun.stats.StageStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Accumulators (SPEC §3.1): flush on maxSize, on maxWait without new input, and at end of stream. */
@Timeout(30)
@ExtendWith(MinigunThreads.class)
class AccumulatorTest {

    @ParameterizedTest(name = "inline={0}")
    @ValueSource(booleans = {true, false})
    void maxSizeCutsBatchesAndTheRestFlushesAtEndOfStream(boolean inline) {
        List<List<Integer>> batches = new CopyOnWriteArrayList<>();
        Pipeline p = Minigun.pipeline("batches-" + inline)
                .concurrency(c -> c.inline(inline))
                .producer("gen", out -> { for (int i = 0; i < 7; i++) out.emit(i); })
                .accumulator("batch", s -> s.maxSize(3))
                .consumer("save", (List<Integer> batch) -> batches.add(List.copyOf(batch)))
                .build();

        RunResult r = Conservation.assertHolds(p.run());

        assertThat(batches).containsExactly(List.of(0, 1, 2), List.of(3, 4, 5), List.of(6));
        StageStats batch = r.stats().stage("batch");
        assertThat(batch.consumed()).isEqualTo(7);
        assertThat(batch.produced()).as("batches emitted").isEqualTo(3);
        assertThat(batch.succeeded()).isEqualTo(7);
        assertThat(r.stats().stage("save").consumed()).isEqualTo(3);
        assertThat(r.consumed()).isEqualTo(3);
        Conservation.assertDelivered(r, "batch", "save");
    }

    @Test
    void endOfStreamFlushesAPartialBatchWithTheDefaultMaxSize() {
        List<List<Integer>> batches = new CopyOnWriteArrayList<>();
        Pipeline p = Minigun.pipeline("eos-flush")
                .producer("gen", out -> { for (int i = 0; i < 5; i++) out.emit(i); })
                .accumulator("batch", s -> s.affinity(Affinity.INDEPENDENT))
                .consumer("save", (List<Integer> batch) -> batches.add(List.copyOf(batch)))
                .build();

        Conservation.assertHolds(p.run());

        assertThat(batches).containsExactly(List.of(0, 1, 2, 3, 4));
    }

    @Test
    void defaultMaxSizeIsOneHundred() {
        List<Integer> sizes = new CopyOnWriteArrayList<>();
        Pipeline p = Minigun.pipeline("default-size")
                .producer("gen", out -> { for (int i = 0; i < 250; i++) out.emit(i); })
                .accumulator("batch", StageOptions.none())
                .consumer("save", (List<Integer> batch) -> sizes.add(batch.size()))
                .build();

        Conservation.assertHolds(p.run());

        assertThat(sizes).containsExactly(100, 100, 50);
    }

    @Test
    void maxWaitFlushesWhenNoNewItemArrives() {
        List<List<Integer>> batches = new CopyOnWriteArrayList<>();
        CountDownLatch firstTwoArrived = new CountDownLatch(2);
        Pipeline p = Minigun.pipeline("max-wait")
                .producer("gen", out -> {
                    out.emit(0);
                    out.emit(1);
                    // no further item until the first two arrived downstream: only the timer can flush them
                    if (!firstTwoArrived.await(10, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("maxWait never flushed the buffered items");
                    }
                    out.emit(2);
                    out.emit(3);
                    out.emit(4);
                })
                .accumulator("batch", s -> s.maxSize(100).maxWait(Duration.ofMillis(50)))
                .consumer("save", (List<Integer> batch) -> {
                    batches.add(List.copyOf(batch));
                    batch.forEach(item -> firstTwoArrived.countDown());
                })
                .build();

        RunResult r = Conservation.assertHolds(p.run());

        assertThat(r.failures()).isEmpty();
        // the producer's latch is what shows the timer flushing: 0 and 1 arrived while it emitted nothing more (usually
        // as [0, 1]; as [0], [1] when it stalled 50 ms between them)
        assertThat(batches.stream().flatMap(List::stream).collect(Collectors.toList()))
                .containsExactly(0, 1, 2, 3, 4);
        assertThat(r.stats().stage("batch").consumed()).isEqualTo(5);
    }

    @Test
    void maxWaitAlsoFlushesAnAccumulatorBehindAThreadPool() {
        List<List<Integer>> batches = new CopyOnWriteArrayList<>();
        CountDownLatch firstThreeArrived = new CountDownLatch(3);
        Pipeline p = Minigun.pipeline("max-wait-pool")
                .producer("gen", out -> {
                    for (int i = 0; i < 3; i++) out.emit(i);
                    if (!firstThreeArrived.await(10, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("maxWait never flushed the buffered items");
                    }
                    out.emit(3);
                })
                .processor("work", (Integer n) -> n, s -> s.threads(3))
                .accumulator("batch", s -> s.maxSize(100).maxWait(Duration.ofMillis(200)))
                .consumer("save", (List<Integer> batch) -> {
                    batches.add(List.copyOf(batch));
                    batch.forEach(item -> firstThreeArrived.countDown());
                })
                .build();

        RunResult r = Conservation.assertHolds(p.run());

        assertThat(r.failures()).isEmpty();
        assertThat(batches.stream().flatMap(List::stream).collect(Collectors.toList()))
                .containsExactlyInAnyOrder(0, 1, 2, 3);
    }

    @Test
    void accumulatorBodyReceivesEachBatchAndMayEmitAnything() {
        List<Integer> sums = new CopyOnWriteArrayList<>();
        Pipeline p = Minigun.pipeline("sum-batches")
                .producer("gen", out -> { for (int i = 1; i <= 10; i++) out.emit(i); })
                .accumulator("sum", (List<Integer> batch, Output<Integer> out) ->
                        out.emit(batch.stream().mapToInt(Integer::intValue).sum()), s -> s.maxSize(4))
                .consumer("save", (Integer sum) -> sums.add(sum))
                .build();

        RunResult r = Conservation.assertHolds(p.run());

        assertThat(sums).containsExactly(1 + 2 + 3 + 4, 5 + 6 + 7 + 8, 9 + 10);
        assertThat(r.stats().stage("sum").produced()).isEqualTo(3);
    }

    @Test
    void batchesFromAThreadPoolStillHaveMaxSizeAndLoseNothing() {
        List<List<Integer>> batches = new CopyOnWriteArrayList<>();
        Pipeline p = Minigun.pipeline("batches-after-pool")
                .producer("gen", out -> { for (int i = 0; i < 1000; i++) out.emit(i); })
                .processor("work", (Integer n) -> n, s -> s.threads(4))
                .accumulator("batch", s -> s.maxSize(64))
                .consumer("save", (List<Integer> batch) -> batches.add(List.copyOf(batch)))
                .build();

        RunResult r = Conservation.assertHolds(p.run());

        assertThat(batches).allSatisfy(b -> assertThat(b).hasSizeBetween(1, 64));
        assertThat(batches.stream().flatMap(List::stream).collect(Collectors.toList()))
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 1000).boxed().collect(Collectors.toList()));
        assertThat(batches.stream().filter(b -> b.size() < 64).count()).as("only the last batch is partial")
                .isLessThanOrEqualTo(1);
        assertThat(r.stats().stage("batch").consumed()).isEqualTo(1000);
    }
}
