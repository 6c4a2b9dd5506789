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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Per-item isolation, retries, dead letters, fail-fast, aborts and run statuses (SPEC §3.5). */
@Timeout(30)
@ExtendWith(MinigunThreads.class)
class ErrorHandlingTest {

    @ParameterizedTest(name = "inline={0}")
    @ValueSource(booleans = {true, false})
    void aFailingItemIsRetriedTwiceThenSucceeds(boolean inline) {
        Map<Integer, AtomicInteger> attempts = new ConcurrentHashMap<>();
        List<Integer> received = new CopyOnWriteArrayList<>();
        Pipeline p = Minigun.pipeline("retry-then-succeed")
                .concurrency(c -> c.inline(inline))
                .producer("gen", out -> { for (int i = 0; i < 10; i++) out.emit(i); })
                .processor("flaky", (Integer n) -> {
                    int attempt = attempts.computeIfAbsent(n, k -> new AtomicInteger()).incrementAndGet();
                    if (n == 4 && attempt <= 2) {
                        throw new IllegalStateException("transient failure " + attempt + " of item " + n);
                    }
                    return n;
                }, s -> s.retries(2).backoff(Duration.ofMillis(1)))
                .consumer("collect", (Integer n) -> received.add(n))
                .build();

        RunResult r = Conservation.assertHolds(p.run());

        assertThat(received).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(attempts.get(4)).hasValue(3);
        assertThat(attempts.get(5)).hasValue(1);
        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(r.failures()).isEmpty();
        StageStats flaky = r.stats().stage("flaky");
        assertThat(flaky.retried()).as("retry attempts").isEqualTo(2);
        assertThat(flaky.failed()).isZero();
        assertThat(flaky.succeeded()).isEqualTo(10);
        assertThat(flaky.consumed()).as("a retried item is consumed once").isEqualTo(10);
    }

    @Test
    void retriesAndBackoffCanComeFromThePipelineDefaults() {
        AtomicInteger calls = new AtomicInteger();
        Pipeline p = Minigun.pipeline("retry-defaults")
                .concurrency(c -> c.retries(3).backoff(Duration.ofMillis(1)))
                .producer("gen", out -> out.emit("x"))
                .consumer("flaky", (String s) -> {
                    if (calls.incrementAndGet() < 4) {
                        throw new IllegalStateException("try again");
                    }
                })
                .build();

        RunResult r = Conservation.assertHolds(p.run());

        assertThat(calls).hasValue(4);
        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(r.stats().stage("flaky").retried()).isEqualTo(3);
    }

    @ParameterizedTest(name = "inline={0}")
    @ValueSource(booleans = {true, false})
    void aPoisonItemFailsAfterItsRetriesWhileTheRestComplete(boolean inline) {
        List<Integer> received = new CopyOnWriteArrayList<>();
        List<ItemFailure> deadLetters = new CopyOnWriteArrayList<>();
        AtomicInteger poisonAttempts = new AtomicInteger();
        Pipeline p = Minigun.pipeline("poison")
                .concurrency(c -> c.inline(inline))
                .producer("gen", out -> { for (int i = 0; i < 10; i++) out.emit(i); })
                .processor("check", (Integer n) -> {
                    if (n == 7) {
                        poisonAttempts.incrementAndGet();
                        throw new IllegalArgumentException("poison " + n);
                    }
                    return n;
                }, s -> s.retries(2).backoff(Duration.ofMillis(1)).deadLetter(deadLetters::add))
                .consumer("collect", (Integer n) -> received.add(n))
                .build();

        RunResult r = Conservation.assertHolds(p.run());

        assertThat(received).containsExactly(0, 1, 2, 3, 4, 5, 6, 8, 9);
        assertThat(poisonAttempts).hasValue(3);
        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED_WITH_FAILURES);
        assertThat(r.failed()).isEqualTo(1);
        assertThat(r.failures()).singleElement().satisfies(f -> {
            assertThat(f.stage()).isEqualTo("check");
            assertThat(f.pipeline()).isEqualTo("poison");
            assertThat(f.item()).isEqualTo(7);
            assertThat(f.attempts()).isEqualTo(3);
            assertThat(f.exception()).isInstanceOf(IllegalArgumentException.class).hasMessage("poison 7");
        });
        assertThat(deadLetters).singleElement().satisfies(f -> {
            assertThat(f.item()).isEqualTo(7);
            assertThat(f.stage()).isEqualTo("check");
            assertThat(f.attempts()).isEqualTo(3);
        });
        StageStats check = r.stats().stage("check");
        assertThat(check.failed()).isEqualTo(1);
        assertThat(check.succeeded()).isEqualTo(9);
        assertThat(check.retried()).isEqualTo(2);
        assertThat(check.successRate()).isEqualTo(90.0);
        assertThat(r.stats().stage("collect").consumed()).isEqualTo(9);
    }

    @Test
    void aDeadLetterHandlerThatThrowsDoesNotBreakTheRun() {
        List<Integer> received = new CopyOnWriteArrayList<>();
        Pipeline p = Minigun.pipeline("dead-letter-throws")
                .producer("gen", out -> { for (int i = 0; i < 5; i++) out.emit(i); })
                .processor("check", (Integer n) -> {
                    if (n == 2) {
                        throw new IllegalStateException("bad " + n);
                    }
                    return n;
                }, s -> s.deadLetter(f -> { throw new IllegalStateException("dead letter store is down"); }))
                .consumer("collect", (Integer n) -> received.add(n))
                .build();

        RunResult r = Conservation.assertHolds(p.run());

        assertThat(received).containsExactly(0, 1, 3, 4);
        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED_WITH_FAILURES);
        assertThat(r.failures()).extracting(ItemFailure::item).containsExactly(2);
    }

    @Test
    void failuresInEveryStageKindAreIsolatedAndCounted() {
        List<Object> received = new CopyOnWriteArrayList<>();
        Pipeline p = Minigun.pipeline("every-kind")
                .producer("gen", out -> { for (int i = 0; i < 12; i++) out.emit(i); })
                .processor("proc", (Integer n) -> {
                    if (n == 1) {
                        throw new IllegalStateException("processor fails 1");
                    }
                    return n;
                })
                .accumulator("batch", (List<Integer> batch, Output<List<Integer>> out) -> {
                    if (batch.contains(4)) {
                        throw new IllegalStateException("accumulator fails the batch with 4");
                    }
                    out.emit(batch);
                }, s -> s.maxSize(3))
                .consumer("save", (List<Integer> batch) -> {
                    if (batch.contains(9)) {
                        throw new IllegalStateException("consumer fails the batch with 9");
                    }
                    received.add(batch);
                })
                .build();

        RunResult r = Conservation.assertHolds(p.run());

        // proc drops 1; batches of 3 over 0,2,3,4,...: [0,2,3] [4,5,6] [7,8,9] [10,11]
        assertThat(received).containsExactly(List.of(0, 2, 3), List.of(10, 11));
        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED_WITH_FAILURES);
        assertThat(r.failed()).isEqualTo(3);
        assertThat(r.failures()).extracting(ItemFailure::stage).containsExactlyInAnyOrder("proc", "batch", "save");
        assertThat(r.stats().stage("proc").failed()).isEqualTo(1);
        assertThat(r.stats().stage("batch").consumed()).isEqualTo(11);
        assertThat(r.stats().stage("batch").failed()).as("the failed batch counts its items").isEqualTo(3);
        assertThat(r.stats().stage("save").failed()).isEqualTo(1);
        assertThat(r.stats().stage("save").succeeded()).isEqualTo(2);
    }

    @Test
    void failFastStopsAnEndlessProducerAndRunThrowsWithAFailedResult() {
        List<Integer> received = new CopyOnWriteArrayList<>();
        Pipeline p = Minigun.pipeline("fail-fast")
                .producer("endless", out -> { for (int i = 0; ; i++) out.emit(i); })
                .processor("check", (Integer n) -> {
                    if (n == 3) {
                        throw new IllegalStateException("fatal item " + n);
                    }
                    return n;
                }, s -> s.onError(ErrorPolicy.FAIL_FAST))
                .consumer("collect", (Integer n) -> received.add(n))
                .build();

        PipelineExecutionException e = catchThrowableOfType(p::run, PipelineExecutionException.class);

        assertThat(e).as("run() throws PipelineExecutionException").isNotNull();
        RunResult r = Conservation.assertHolds(e);
        assertThat(r.status()).isEqualTo(RunStatus.FAILED);
        assertThat(r.cause()).get().satisfies(c -> assertThat(c).hasMessage("fatal item 3"));
        assertThat(e).hasCauseInstanceOf(IllegalStateException.class);
        assertThat(r.failures()).anySatisfy(f -> {
            assertThat(f.stage()).isEqualTo("check");
            assertThat(f.item()).isEqualTo(3);
        });
        assertThat(received).doesNotContain(3).contains(0, 1, 2);
        assertThat(r.stats().stage("check").failed()).isEqualTo(1);
    }

    @Test
    void pipelineWideFailFastAppliesToEveryStageAndAwaitThrowsToo() {
        Pipeline p = Minigun.pipeline("fail-fast-pipeline")
                .onError(ErrorPolicy.FAIL_FAST)
                .producer("endless", out -> { for (int i = 0; ; i++) out.emit(i); })
                .processor("pass", (Integer n) -> n, s -> s.threads(2))
                .consumer("check", (Integer n) -> {
                    if (n == 50) {
                        throw new IllegalStateException("stop at " + n);
                    }
                })
                .build();

        PipelineRun run = p.start();
        PipelineExecutionException e = catchThrowableOfType(run::await, PipelineExecutionException.class);

        assertThat(e).isNotNull();
        assertThat(e.result().status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.isDone()).isTrue();
        assertThat(run.result()).get().extracting(RunResult::status).isEqualTo(RunStatus.FAILED);
        Conservation.assertHolds(e);
    }

    @Test
    void anErrorThrownByStageCodeAbortsTheRun() {
        Pipeline p = Minigun.pipeline("error-aborts")
                .producer("endless", out -> { for (int i = 0; ; i++) out.emit(i); })
                .processor("explode", (Integer n) -> {
                    if (n == 5) {
                        throw new AssertionError("an Error, not an Exception");
                    }
                    return n;
                }, s -> s.retries(3).backoff(Duration.ofMillis(1)))
                .consumer("collect", (Integer n) -> { })
                .build();

        PipelineExecutionException e = catchThrowableOfType(p::run, PipelineExecutionException.class);

        assertThat(e).isNotNull();
        RunResult r = Conservation.assertHolds(e);
        assertThat(r.status()).isEqualTo(RunStatus.FAILED);
        assertThat(r.cause()).get().isInstanceOf(AssertionError.class);
        assertThat(r.stats().stage("explode").retried()).as("an Error is not retried").isZero();
        assertThat(r.failures()).anySatisfy(f -> assertThat(f.exception()).isInstanceOf(AssertionError.class));
    }

    @Test
    void pipelineAbortExceptionFromStageCodeAbortsTheRun() {
        Pipeline p = Minigun.pipeline("abort")
                .producer("endless", out -> { for (int i = 0; ; i++) out.emit(i); })
                .consumer("abort", (Integer n) -> {
                    if (n == 10) {
                        throw new PipelineAbortException("enough");
                    }
                }, s -> s.threads(2))
                .build();

        PipelineExecutionException e = catchThrowableOfType(p::run, PipelineExecutionException.class);

        assertThat(e).isNotNull();
        RunResult r = Conservation.assertHolds(e);
        assertThat(r.status()).isEqualTo(RunStatus.FAILED);
        assertThat(r.cause()).get().isInstanceOf(PipelineAbortException.class);
        assertThat(e.getCause()).isInstanceOf(PipelineAbortException.class).hasMessage("enough");
    }

    @Test
    void anErrorThrownByAProducerAbortsTheRun() {
        Pipeline p = Minigun.pipeline("producer-error")
                .producer("bad", out -> {
                    out.emit(1);
                    throw new AssertionError("producer Error");
                })
                .producer("endless", out -> { for (int i = 0; ; i++) out.emit(i); })
                .consumer("collect", (Integer n) -> { })
                .build();

        PipelineExecutionException e = catchThrowableOfType(p::run, PipelineExecutionException.class);

        assertThat(e).isNotNull();
        assertThat(e.result().status()).isEqualTo(RunStatus.FAILED);
        assertThat(e.result().failures()).anySatisfy(f -> {
            assertThat(f.stage()).isEqualTo("bad");
            assertThat(f.item()).isNull();
        });
        Conservation.assertHolds(e);
    }

    @ParameterizedTest(name = "inline={0}")
    @ValueSource(booleans = {true, false})
    void anEmittedNullFailsTheItemThatEmittedItAndReachesNoStage(boolean inline) {
        List<Object> received = new CopyOnWriteArrayList<>();
        List<Object> routed = new CopyOnWriteArrayList<>();
        Pipeline p = Minigun.pipeline("nulls")
                .concurrency(c -> c.inline(inline))
                .producer("gen", out -> { for (int i = 0; i < 6; i++) out.emit(i); })
                .processor("halve", (Integer n, Output<Integer> out) -> {
                    if (n == 5) {
                        out.to("audit").emit(null);
                    }
                    out.emit(n % 2 == 0 ? n / 2 : null);
                })
                .consumer("collect", (Integer n) -> received.add(n))
                .consumer("audit", (Object o) -> routed.add(o), s -> s.await(true))
                .build();

        RunResult r = Conservation.assertHolds(p.run());

        assertThat(received).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(routed).isEmpty();
        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED_WITH_FAILURES);
        assertThat(r.failures()).extracting(ItemFailure::item).containsExactlyInAnyOrder(1, 3, 5);
        assertThat(r.failures()).allSatisfy(f -> {
            assertThat(f.stage()).isEqualTo("halve");
            assertThat(f.exception()).isInstanceOf(NullPointerException.class)
                    .hasMessageStartingWith("stage 'halve' emitted null");
        });
    }

    @Test
    void anEmittedNullFailsWhatAnExceptionThrownThereWouldFail() {
        List<Object> batched = new CopyOnWriteArrayList<>();
        RunResult intoAccumulator = Conservation.assertHolds(Minigun.pipeline("null-into-batch")
                .producer("gen", out -> { for (int i = 0; i < 6; i++) out.emit(i); })
                .processor("pass", (Integer n, Output<Integer> out) -> out.emit(n == 3 ? null : n))
                .accumulator("batch", s -> s.maxSize(10))
                .consumer("collect", (List<Integer> batch) -> batched.addAll(batch))
                .build().run());
        RunResult fromAccumulator = Conservation.assertHolds(Minigun.pipeline("null-from-batch")
                .producer("gen", out -> { for (int i = 0; i < 6; i++) out.emit(i); })
                .accumulator("sum", (List<Integer> batch, Output<Integer> out) ->
                        out.emit(batch.contains(2) ? null : batch.get(0) + batch.get(1)), s -> s.maxSize(2))
                .consumer("collect", (Integer sum) -> { })
                .build().run());
        RunResult fromLoop = Conservation.assertHolds(Minigun.pipeline("null-from-loop")
                .producer("gen", out -> { for (int i = 0; i < 6; i++) out.emit(i); })
                .stage("loop", (Input<Integer> in, Output<Integer> out) -> {
                    for (Integer n : in) {
                        out.emit(n == 2 ? null : n);
                    }
                })
                .consumer("collect", (Integer n) -> { })
                .build().run());

        assertThat(batched).containsExactly(0, 1, 2, 4, 5);
        assertThat(intoAccumulator.failures()).singleElement().satisfies(f -> {
            assertThat(f.item()).isEqualTo(3);
            assertThat(f.exception()).hasMessageStartingWith("stage 'pass' emitted null");
        });
        assertThat(fromAccumulator.failures()).as("the batch [2, 3]").singleElement().satisfies(f ->
                assertThat(f.exception()).hasMessageStartingWith("stage 'sum' emitted null"));
        assertThat(fromAccumulator.stats().stage("sum").failed()).isEqualTo(2);
        assertThat(fromLoop.failures()).singleElement().satisfies(f -> {
            assertThat(f.isStageFailure()).isTrue();
            assertThat(f.exception()).hasMessageStartingWith("stage 'loop' emitted null");
        });
    }

    @Test
    void aProducerThatEmitsNullFailsThereAndWhatItEmittedBeforeIsProcessed() {
        List<Integer> received = new CopyOnWriteArrayList<>();
        Pipeline p = Minigun.pipeline("null-source")
                .producer("gen", () -> java.util.Arrays.asList(1, 2, null, 4))
                .consumer("collect", (Integer n) -> received.add(n))
                .build();

        RunResult r = Conservation.assertHolds(p.run());

        assertThat(received).containsExactly(1, 2);
        assertThat(r.failures()).singleElement().satisfies(f -> {
            assertThat(f.isStageFailure()).isTrue();
            assertThat(f.exception()).isInstanceOf(NullPointerException.class)
                    .hasMessageStartingWith("stage 'gen' emitted null");
        });
    }

    @Test
    void aProducerThatThrowsStopsButWhatItEmittedIsStillProcessed() {
        List<Integer> received = new CopyOnWriteArrayList<>();
        Pipeline p = Minigun.pipeline("producer-throws")
                .producer("gen", out -> {
                    out.emit(1);
                    out.emit(2);
                    out.emit(3);
                    throw new java.io.IOException("source went away");
                })
                .processor("double", (Integer n) -> n * 2, s -> s.threads(2))
                .consumer("collect", (Integer n) -> received.add(n))
                .build();

        RunResult r = Conservation.assertHolds(p.run());

        assertThat(received).containsExactlyInAnyOrder(2, 4, 6);
        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED_WITH_FAILURES);
        assertThat(r.produced()).isEqualTo(3);
        assertThat(r.failed()).isEqualTo(1);
        assertThat(r.failures()).singleElement().satisfies(f -> {
            assertThat(f.stage()).isEqualTo("gen");
            assertThat(f.item()).isNull();
            assertThat(f.isStageFailure()).isTrue();
            assertThat(f.exception()).isInstanceOf(java.io.IOException.class).hasMessage("source went away");
        });
    }

    @Test
    void oneFailingProducerDoesNotStopAnotherOne() {
        List<Integer> received = new CopyOnWriteArrayList<>();
        Pipeline p = Minigun.pipeline("one-bad-producer")
                .producer("good", out -> { for (int i = 0; i < 3; i++) out.emit(i); })
                .producer("bad", out -> { throw new IllegalStateException("bad producer"); })
                .consumer("collect", (Integer n) -> received.add(n))
                .build();

        RunResult r = Conservation.assertHolds(p.run());

        assertThat(received).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED_WITH_FAILURES);
        assertThat(r.failures()).extracting(ItemFailure::stage).containsExactly("bad");
    }

    @Test
    void throwIfFailedReturnsTheResultWhenEverythingSucceeded() {
        Pipeline p = Minigun.pipeline("all-good")
                .producer("gen", out -> out.emit(1))
                .consumer("collect", (Integer n) -> { })
                .build();

        RunResult r = p.run();

        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(r.throwIfFailed()).isSameAs(r);
    }

    @Test
    void throwIfFailedThrowsForACompletedRunWithFailuresCarryingTheResult() {
        Pipeline p = Minigun.pipeline("some-bad")
                .producer("gen", out -> { for (int i = 0; i < 4; i++) out.emit(i); })
                .consumer("check", (Integer n) -> {
                    if (n == 2) {
                        throw new IllegalStateException("item two");
                    }
                })
                .build();

        RunResult r = p.run();
        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED_WITH_FAILURES);

        assertThatThrownBy(r::throwIfFailed)
                .isInstanceOf(PipelineExecutionException.class)
                .hasCauseInstanceOf(IllegalStateException.class)
                .satisfies(t -> assertThat(((PipelineExecutionException) t).result()).isSameAs(r))
                .hasMessageContaining("some-bad");
    }

    @Test
    void throwIfFailedThrowsForAFailedResult() {
        Pipeline p = Minigun.pipeline("failed-result")
                .producer("gen", out -> out.emit(1))
                .consumer("abort", (Integer n) -> { throw new PipelineAbortException("abort"); })
                .build();

        PipelineExecutionException e = catchThrowableOfType(p::run, PipelineExecutionException.class);
        RunResult failed = e.result();

        assertThatThrownBy(failed::throwIfFailed)
                .isInstanceOf(PipelineExecutionException.class)
                .satisfies(t -> assertThat(((PipelineExecutionException) t).result()).isSameAs(failed));
    }

    @Test
    void failureCountIsExactButOnlyTheFirstHundredAreKept() {
        Pipeline p = Minigun.pipeline("many-failures")
                .producer("gen", out -> { for (int i = 0; i < 250; i++) out.emit(i); })
                .consumer("fail", (Integer n) -> { throw new IllegalStateException("no " + n); })
                .build();

        RunResult r = Conservation.assertHolds(p.run());

        assertThat(r.failed()).isEqualTo(250);
        assertThat(r.failures()).hasSize(RunResult.KEPT_FAILURES);
        assertThat(r.failures()).extracting(ItemFailure::item).containsExactlyElementsOf(
                java.util.stream.IntStream.range(0, 100).boxed().toList());
        assertThat(r.stats().stage("fail").failed()).isEqualTo(250);
        assertThat(r.stats().stage("fail").successRate()).isZero();
    }
}
