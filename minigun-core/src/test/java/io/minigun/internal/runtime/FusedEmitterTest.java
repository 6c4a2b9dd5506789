package io.minigun.internal.runtime;

import io.minigun.Minigun;
import io.minigun.Output;
import io.minigun.RunResult;
import io.minigun.RunStatus;
import io.minigun.execution.Plans;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The hop into a fused processor or consumer: one class per kind of body, and the shared path's behaviour. */
@Timeout(30)
class FusedEmitterTest {

    private static StageRuntime stage(Run run, String name) {
        return Arrays.stream(run.stages()).filter(s -> s.name.equals(name)).findFirst().orElseThrow();
    }

    @Test
    void eachFusedHopIsACopyOfItsOwnPerClassOfBodyAndOtherHopsKeepTheSharedEmitter() {
        Run run = new Run(Plans.of(Minigun.pipeline("hops")
                .producer("numbers", (Output<Integer> o) -> o.emit(1))
                .processor("double", (Integer n) -> n * 2)
                .processor("slow", (Integer n) -> n, s -> s.threads(2))
                .consumer("sink", (Integer n) -> { })
                .build().plan()), Map.of());

        Emitter intoDouble = stage(run, "numbers").lanes[0].output;
        // a copy of FusedEmitter's bytes, not a subclass: its name is FusedEmitter's with a suffix
        assertThat(intoDouble.getClass().getName()).startsWith(FusedEmitter.class.getName() + "/");
        assertThat(intoDouble.getClass().isHidden()).isTrue();
        // the hop into a queue is not fused
        assertThat(stage(run, "double").lanes[0].output.getClass()).isEqualTo(Emitter.class);

        Run again = new Run(Plans.of(Minigun.pipeline("other")
                .producer("numbers", (Output<Integer> o) -> o.emit(1))
                .consumer("print", (Integer n) -> { })
                .build().plan()), Map.of());
        Emitter intoPrint = stage(again, "numbers").lanes[0].output;
        assertThat(intoPrint.getClass()).isNotEqualTo(intoDouble.getClass());
    }

    @Test
    void aBodyClassKeepsItsCopyAcrossRunsSoTheJitsWorkIsShared() {
        var pipeline = Minigun.pipeline("same")
                .producer("numbers", (Output<Integer> o) -> o.emit(1))
                .processor("double", (Integer n) -> n * 2)
                .consumer("sink", (Integer n) -> { })
                .build();

        Class<?> first = stage(new Run(Plans.of(pipeline.plan()), Map.of()), "numbers").lanes[0].output.getClass();
        Class<?> second = stage(new Run(Plans.of(pipeline.plan()), Map.of()), "numbers").lanes[0].output.getClass();

        assertThat(second).isSameAs(first);
    }

    @Test
    void hopsBehindAProcessorTimeExactlyTheItemsItTimesWithTheSameWeights() {
        Run run = new Run(Plans.of(Minigun.pipeline("chain-timing")
                .producer("numbers", (Output<Integer> o) -> { })
                .processor("slow", (Integer n) -> spin(15_000, n))
                .consumer("fast", (Integer n) -> { })
                .build().plan()), Map.of());
        Emitter intoSlow = stage(run, "numbers").lanes[0].output;

        for (int i = 0; i < 200; i++) {
            intoSlow.emit(i);
        }

        // slow decides: at 15 µs an item it times every one; fast, on its own, would soon time one in 128
        var slow = stage(run, "slow").lanes[0].latencies;
        var fast = stage(run, "fast").lanes[0].latencies;
        assertThat(slow.observations()).isEqualTo(200);
        assertThat(fast.observations()).isEqualTo(slow.observations());
        assertThat(fast.snapshot().items()).isEqualTo(slow.snapshot().items());
        assertThat(slow.snapshot().totalNanos()).as("slow's own time, without fast's")
                .isGreaterThanOrEqualTo(200 * 15_000L);
    }

    private static int spin(long nanos, int n) {
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
        return n;
    }

    @Test
    void aFusedChainCountsRetriesFailuresAndNullResultsAsTheSharedPathDoes() {
        AtomicInteger attemptsOfSeven = new AtomicInteger();
        List<Integer> sunk = new ArrayList<>();
        RunResult result = Minigun.pipeline("fused-faults")
                .producer("numbers", (Output<Integer> o) -> {
                    for (int i = 1; i <= 1000; i++) {
                        o.emit(i);
                    }
                })
                .processor("odd-only", (Integer n) -> n % 2 == 1 ? n : null)
                .processor("flaky", (Integer n, Output<Integer> out) -> {
                    if (n == 7 && attemptsOfSeven.incrementAndGet() == 1) {
                        throw new IllegalStateException("first attempt of 7");
                    }
                    if (n == 9) {
                        throw new IllegalArgumentException("9 always fails");
                    }
                    out.emit(n);
                }, s -> s.retries(1))
                .consumer("sink", (Integer n) -> sunk.add(n))
                .build()
                .run();

        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED_WITH_FAILURES);
        assertThat(sunk).hasSize(499).contains(7).doesNotContain(9, 2);
        assertThat(result.failures()).singleElement().satisfies(f -> {
            assertThat(f.stage()).isEqualTo("flaky");
            assertThat(f.item()).isEqualTo(9);
            assertThat(f.attempts()).isEqualTo(2);
        });
        var odd = result.stats().stage("odd-only");
        assertThat(odd.consumed()).isEqualTo(1000);
        assertThat(odd.produced()).isEqualTo(500);
        var flaky = result.stats().stage("flaky");
        assertThat(flaky.consumed()).isEqualTo(500);
        assertThat(flaky.failed()).isEqualTo(1);
        assertThat(flaky.retried()).isEqualTo(2);
        assertThat(result.stats().stage("sink").consumed()).isEqualTo(499);
    }
}
