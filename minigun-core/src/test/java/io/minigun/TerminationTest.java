package io.minigun;

import io.minigun.support.Conservation;
import io.minigun.support.MinigunThreads;
import io.minigun.stats.StageStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Cancellation, backpressure and dead stages: never lose an item, never hang (SPEC §3.3, §3.4, §4.3). */
@Timeout(30)
@ExtendWith(MinigunThreads.class)
class TerminationTest {

    @Test
    void cancelMidRunEndsCancelledWithQueuedItemsCountedAsCancelled() throws Exception {
        CountDownLatch fiveProcessed = new CountDownLatch(5);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean sawCancelled = new AtomicBoolean();
        Pipeline p = Minigun.pipeline("cancel")
                .producer("endless", out -> { for (int i = 0; ; i++) out.emit(i); })
                .processor("work", (Integer n) -> n, s -> s.threads(2))
                .consumer("save", (Integer n, Output<Object> out) -> {
                    fiveProcessed.countDown();
                    if (fiveProcessed.getCount() == 0) {
                        release.await();
                        sawCancelled.compareAndSet(false, out.context().isCancelled());
                    }
                }, s -> s.queueSize(20))
                .build();

        PipelineRun run = p.start();
        assertThat(fiveProcessed.await(10, TimeUnit.SECONDS)).as("5 items processed").isTrue();
        // let the queues fill up behind the blocked consumer
        await().atMost(Duration.ofSeconds(10)).until(() -> run.stats().stage("work").produced() >= 20);
        assertThatThrownBy(() -> run.await(Duration.ofMillis(20))).isInstanceOf(TimeoutException.class);
        run.cancel();
        release.countDown();
        RunResult r = run.await();

        assertThat(r.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(sawCancelled).as("stage code sees RunContext.isCancelled()").isTrue();
        Conservation.assertHolds(r);
        long cancelled = r.stats().stages().stream().mapToLong(StageStats::cancelled).sum();
        assertThat(cancelled).as("queued items are counted as cancelled").isGreaterThan(0);
        assertThat(r.stats().stage("save").cancelled()).isGreaterThan(0);
        Conservation.assertDelivered(r, "work", "save");
        assertThat(run.isDone()).isTrue();
        assertThat(run.result()).get().isSameAs(r);
    }

    @Test
    void cancellingWhileTheProducerIsBlockedOnAFullQueueLosesNoItem() {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch first = new CountDownLatch(1);
        AtomicReference<Thread> producer = new AtomicReference<>();
        Pipeline p = Minigun.pipeline("cancel-blocked-producer")
                .producer("gen", out -> {
                    producer.set(Thread.currentThread());
                    for (int i = 0; i < 1000; i++) out.emit(i);
                })
                .consumer("save", (Integer n) -> {
                    first.countDown();
                    release.await();
                }, s -> s.queueSize(3).affinity(Affinity.INDEPENDENT))
                .build();

        PipelineRun run = p.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> first.getCount() == 0);
            // the producer has counted its next item as emitted and is blocked putting it into save's full queue,
            // where cancel() interrupts it
            awaitBlocked(producer);
            run.cancel();
            // give the cancelled producer a chance to react before the consumer frees space in its queue
            awaitLeftEmit(producer);
        } finally {
            release.countDown();
        }
        RunResult r = run.await();

        assertThat(r.status()).isEqualTo(RunStatus.CANCELLED);
        Conservation.assertHolds(r);
        Conservation.assertDelivered(r, "gen", "save");
    }

    @Test
    void failingFastWhileTheProducerIsBlockedOnAFullQueueLosesNoItem() {
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Thread> producer = new AtomicReference<>();
        Pipeline p = Minigun.pipeline("fail-fast-blocked-producer")
                .producer("gen", out -> {
                    producer.set(Thread.currentThread());
                    for (int i = 0; i < 1000; i++) out.emit(i);
                }, s -> s.to("save", "check"))
                .consumer("save", (Integer n) -> release.await(),
                        s -> s.queueSize(3).affinity(Affinity.INDEPENDENT))
                .consumer("check", (Integer n) -> {
                    if (n == 2) {
                        awaitBlocked(producer); // blocked on save's full queue
                        throw new IllegalStateException("check failed");
                    }
                }, s -> s.onError(ErrorPolicy.FAIL_FAST))
                .build();

        PipelineRun run = p.start();
        PipelineExecutionException e;
        try {
            awaitBlocked(producer);
            // the fail-fast stop reaches the producer while it is blocked; let it react before save drains
            awaitLeftEmit(producer);
        } finally {
            release.countDown();
        }
        e = org.assertj.core.api.Assertions.catchThrowableOfType(run::await, PipelineExecutionException.class);

        assertThat(e).isNotNull();
        RunResult r = Conservation.assertHolds(e);
        assertThat(r.status()).isEqualTo(RunStatus.FAILED);
        Conservation.assertDelivered(r, "gen", "save");
    }

    @Test
    void cancelStopsAProducerThatIsBlockedInItsOwnCode() {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        List<Integer> received = new CopyOnWriteArrayList<>();
        Pipeline p = Minigun.pipeline("cancel-blocked-source")
                .producer("gen", out -> {
                    out.emit(1);
                    started.countDown();
                    never.await(); // e.g. a blocking read; must be interrupted by cancel()
                    out.emit(2);
                })
                .consumer("save", (Integer n) -> received.add(n))
                .build();

        PipelineRun run = p.start();
        try {
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 1);
        run.cancel();
        RunResult r = run.await();

        assertThat(r.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(received).containsExactly(1);
        assertThat(r.failures()).as("an interruption caused by cancel is not a failure").isEmpty();
        Conservation.assertHolds(r);
    }

    @Test
    void cancelAfterTheRunEndedChangesNothing() {
        Pipeline p = Minigun.pipeline("cancel-late")
                .producer("gen", out -> out.emit(1))
                .consumer("save", (Integer n) -> { })
                .build();
        PipelineRun run = p.start();
        RunResult r = run.await();

        run.cancel();

        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.await().status()).isEqualTo(RunStatus.COMPLETED);
    }

    @Test
    void backpressureKeepsAProducerWithinTheQueueCapacityOfABlockedConsumer() {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blocked = new CountDownLatch(1);
        List<Integer> received = new CopyOnWriteArrayList<>();
        Pipeline p = Minigun.pipeline("backpressure")
                .producer("gen", out -> { for (int i = 0; i < 50; i++) out.emit(i); })
                .consumer("save", (Integer n) -> {
                    blocked.countDown();
                    release.await();
                    received.add(n);
                }, s -> s.queueSize(2).affinity(Affinity.INDEPENDENT))
                .build();
        assertThat(p.plan().queueCapacity("save")).isEqualTo(2);

        PipelineRun run = p.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> blocked.getCount() == 0);
            await().atMost(Duration.ofSeconds(10)).until(() -> run.stats().stage("gen").produced() >= 3);
            // 1 in the consumer's hands, the rest in its queue of 2 or in the producer's blocked put
            long bound = 6;
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                    .until(() -> run.stats().stage("gen").produced() <= bound);
            assertThat(run.isDone()).isFalse();
        } finally {
            release.countDown();
        }
        RunResult r = Conservation.assertHolds(run.await());

        assertThat(received).containsExactlyElementsOf(java.util.stream.IntStream.range(0, 50).boxed().toList());
        assertThat(r.stats().stage("save").consumed()).isEqualTo(50);
    }

    @Test
    void backpressurePropagatesUpAChain() {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blocked = new CountDownLatch(1);
        Pipeline p = Minigun.pipeline("backpressure-chain")
                .queueSize(4)
                .concurrency(c -> c.inline(false))
                .producer("gen", out -> { for (int i = 0; i < 500; i++) out.emit(i); })
                .processor("a", (Integer n) -> n)
                .processor("b", (Integer n) -> n)
                .consumer("save", (Integer n) -> {
                    blocked.countDown();
                    release.await();
                })
                .build();

        PipelineRun run = p.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> blocked.getCount() == 0);
            // per stage: its queue of 4 plus what its single worker took from it (at most 4, one of them in hand
            // or in a blocked put downstream), plus the producer's blocked put; anything beyond is unbounded growth
            long bound = 3 * (4 + 4) + 1;
            await().atMost(Duration.ofSeconds(10)).until(() -> run.stats().stage("gen").produced() >= 12);
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(run.stats().stage("gen").produced())
                            .as("items the producer got ahead of a blocked chain").isLessThanOrEqualTo(bound));
        } finally {
            release.countDown();
        }
        RunResult r = Conservation.assertHolds(run.await());
        assertThat(r.stats().stage("save").consumed()).isEqualTo(500);
    }

    @Test
    void aConsumerFailingFastWithAFullQueueBehindItDoesNotBlockItsProducerForever() {
        AtomicReference<Thread> producer = new AtomicReference<>();
        Pipeline p = Minigun.pipeline("dead-consumer")
                .producer("endless", out -> {
                    producer.set(Thread.currentThread());
                    for (int i = 0; ; i++) out.emit(i);
                })
                .consumer("save", (Integer n) -> {
                    if (n == 20) {
                        awaitBlocked(producer); // the queue behind this stage is full
                        throw new IllegalStateException("disk full");
                    }
                }, s -> s.queueSize(5).affinity(Affinity.INDEPENDENT).onError(ErrorPolicy.FAIL_FAST))
                .build();

        PipelineExecutionException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                p::run, PipelineExecutionException.class);

        assertThat(e).isNotNull();
        RunResult r = Conservation.assertHolds(e);
        assertThat(r.status()).isEqualTo(RunStatus.FAILED);
        assertThat(r.stats().stage("save").cancelled()).as("what was queued behind the dead stage").isPositive();
    }

    @Test
    void manyItemsThroughSmallQueuesAndSeveralWorkersAllArrive() {
        int n = 20_000;
        java.util.concurrent.atomic.AtomicLong sum = new java.util.concurrent.atomic.AtomicLong();
        Pipeline p = Minigun.pipeline("many-small-queues")
                .queueSize(8)
                .producer("gen", out -> { for (int i = 0; i < n; i++) out.emit(i); })
                .processor("a", (Integer x) -> x + 1, s -> s.threads(3))
                .processor("b", (Integer x) -> x - 1, s -> s.threads(2))
                .accumulator("batch", s -> s.maxSize(33))
                .consumer("save", (List<Integer> batch) -> batch.forEach(x -> sum.addAndGet(x)))
                .build();

        RunResult r = Conservation.assertHolds(p.run());

        assertThat(sum.get()).isEqualTo((long) n * (n - 1) / 2);
        assertThat(r.stats().stage("batch").consumed()).isEqualTo(n);
        Conservation.assertDelivered(r, "gen", "a");
        Conservation.assertDelivered(r, "a", "b");
        Conservation.assertDelivered(r, "b", "batch");
    }

    /** Waits until the producer's thread is parked on a condition inside emit, i.e. blocked on a full queue. */
    private static void awaitBlocked(AtomicReference<Thread> producer) {
        await("producer blocked on a full queue").atMost(Duration.ofSeconds(10))
                .until(() -> isBlockedInEmit(producer.get()));
    }

    /**
     * Waits a bounded time for a stopped producer to leave its blocked emit. An engine may also keep it there until
     * space frees up, so running out of time is not a failure.
     */
    private static void awaitLeftEmit(AtomicReference<Thread> producer) {
        try {
            await().atMost(Duration.ofSeconds(2)).until(() -> !isBlockedInEmit(producer.get()));
        } catch (org.awaitility.core.ConditionTimeoutException stillBlocked) {
            // fine: the engine did not interrupt the put
        }
    }

    private static boolean isBlockedInEmit(Thread t) {
        if (t == null || t.getState() != Thread.State.WAITING) {
            return false;
        }
        boolean onCondition = false;
        boolean inEmit = false;
        for (StackTraceElement frame : t.getStackTrace()) {
            onCondition |= frame.getClassName().endsWith("ConditionObject") && frame.getMethodName().equals("await");
            inEmit |= frame.getMethodName().equals("emit");
        }
        return onCondition && inEmit;
    }

    @Test
    void cancelInterruptsARetryBackoffAndCountsTheItemAsCancelled() throws Exception {
        Pipeline p = Minigun.pipeline("cancel-backoff")
                .producer("gen", out -> out.emit(1))
                .consumer("flaky", (Integer n) -> { throw new IllegalStateException("down"); },
                        s -> s.retries(5).backoff(Duration.ofSeconds(60)))
                .build();

        PipelineRun run = p.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> run.stats().stage("flaky").retried() >= 1);
        run.cancel();
        RunResult r = run.await(Duration.ofSeconds(10)); // a 60 s backoff must not hold the cancelled run

        assertThat(r.status()).isEqualTo(RunStatus.CANCELLED);
        Conservation.assertHolds(r);
        assertThat(r.stats().stage("flaky").cancelled()).isEqualTo(1);
        assertThat(r.stats().stage("flaky").failed()).isZero();
    }

    @Test
    void anUnboundedQueueNeverBlocksItsSender() {
        CountDownLatch release = new CountDownLatch(1);
        Pipeline p = Minigun.pipeline("unbounded")
                .producer("gen", out -> { for (int i = 0; i < 5000; i++) out.emit(i); })
                .consumer("save", (Integer n) -> release.await(), s -> s.unbounded().affinity(Affinity.INDEPENDENT))
                .build();
        assertThat(p.plan().queueCapacity("save")).isEqualTo(Integer.MAX_VALUE);

        PipelineRun run = p.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> run.stats().stage("gen").ended());
            assertThat(run.stats().stage("gen").produced()).isEqualTo(5000);
        } finally {
            release.countDown();
        }
        RunResult r = Conservation.assertHolds(run.await());
        assertThat(r.stats().stage("save").consumed()).isEqualTo(5000);
    }

    @Test
    void theDefaultQueueCapacityOfOneThousandBoundsAProducer() {
        CountDownLatch release = new CountDownLatch(1);
        Pipeline p = Minigun.pipeline("default-capacity")
                .producer("gen", out -> { for (int i = 0; i < 5000; i++) out.emit(i); })
                .consumer("save", (Integer n) -> release.await(), s -> s.affinity(Affinity.INDEPENDENT))
                .build();
        assertThat(p.plan().queueCapacity("save")).isEqualTo(1000);

        PipelineRun run = p.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> run.stats().stage("gen").produced() >= 1000);
            // at most the queue, what the worker took from it, and one blocked put
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(run.stats().stage("gen").produced()).isLessThanOrEqualTo(2001));
        } finally {
            release.countDown();
        }
        Conservation.assertHolds(run.await());
    }

    @Test
    void cancellingARunWithALoopStageCountsItsUnreadItemsAsCancelled() throws Exception {
        CountDownLatch tenRead = new CountDownLatch(10);
        Pipeline p = Minigun.pipeline("cancel-loop")
                .producer("endless", out -> { for (int i = 0; ; i++) out.emit(i); })
                .stage("loop", (Input<Integer> in, Output<Integer> out) -> {
                    for (Integer n : in) {
                        tenRead.countDown();
                        out.emit(n);
                    }
                }, s -> s.queueSize(16))
                .consumer("save", (Integer n) -> { })
                .build();

        PipelineRun run = p.start();
        assertThat(tenRead.await(10, TimeUnit.SECONDS)).isTrue();
        run.cancel();
        RunResult r = run.await();

        assertThat(r.status()).isEqualTo(RunStatus.CANCELLED);
        Conservation.assertHolds(r);
        assertThat(r.failures()).as("cancellation is not a failure").isEmpty();
    }

    @Test
    void failFastDeclaredOnANestedPipelineStopsTheWholeRun() {
        Pipeline p = Minigun.pipeline("nested-fail-fast")
                .producer("endless", out -> { for (int i = 0; ; i++) out.emit(i); })
                .pipeline("box", box -> box
                        .onError(ErrorPolicy.FAIL_FAST)
                        .processor("check", (Integer n) -> {
                            if (n == 7) {
                                throw new IllegalStateException("seven");
                            }
                            return n;
                        }))
                .consumer("save", (Integer n) -> { })
                .build();

        PipelineExecutionException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                p::run, PipelineExecutionException.class);

        assertThat(e).isNotNull();
        assertThat(e.result().status()).isEqualTo(RunStatus.FAILED);
        assertThat(e.result().failures()).anySatisfy(f -> {
            assertThat(f.pipeline()).isEqualTo("nested-fail-fast/box");
            assertThat(f.item()).isEqualTo(7);
        });
        Conservation.assertHolds(e);
    }
}
