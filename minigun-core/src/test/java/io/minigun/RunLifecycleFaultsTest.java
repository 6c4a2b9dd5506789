package io.minigun;

import io.minigun.execution.ExecutionPlan;
import io.minigun.execution.PipelineExecutor;
import io.minigun.execution.RunListener;
import io.minigun.support.Conservation;
import io.minigun.support.MinigunThreads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The run's lifecycle under faults: an interrupted caller, errors while a run starts or ends. Whatever happens, the
 * run ends once, after every stage, with every pool closed, and whoever waits for it is released.
 */
@Timeout(60)
@ExtendWith(MinigunThreads.class)
class RunLifecycleFaultsTest {
    private final PipelineExecutor executor = new PipelineExecutor();

    @AfterEach
    void noRunIsLeftActive() {
        assertThat(executor.activeRuns()).isEmpty();
        await().atMost(15, TimeUnit.SECONDS).until(() -> ProcessHandle.current().children().count() == 0);
    }

    /** About a millisecond of work that ignores interrupts, like most stage code. */
    private static void busy() {
        long until = System.nanoTime() + 1_000_000;
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
    }

    @Test
    void anInterruptedCallerCancelsTheRunAndGetsItsResultOnlyAfterEveryStageEnded() throws Exception {
        AtomicInteger inStage = new AtomicInteger();
        AtomicInteger consumed = new AtomicInteger();
        AtomicInteger inStageSeenByAfterRun = new AtomicInteger(-1);
        AtomicReference<RunResult> result = new AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        Pipeline pipeline = Minigun.pipeline("interrupted")
                .executor(executor)
                .context("pool", ContextType.THREAD, 2)
                .producer("numbers", (Output<Integer> out) -> {
                    for (int i = 0; ; i++) {
                        out.emit(i);
                    }
                })
                .processor("work", (Integer n) -> {
                    inStage.incrementAndGet();
                    busy();
                    inStage.decrementAndGet();
                    return n;
                }, s -> s.context("pool"))
                .consumer("count", (Integer n) -> consumed.incrementAndGet(), s -> s.threads(2))
                .afterRun(() -> inStageSeenByAfterRun.set(inStage.get()))
                .build();
        Thread caller = new Thread(() -> {
            result.set(pipeline.run());
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        }, "test-caller");
        caller.start();
        await().atMost(20, TimeUnit.SECONDS).until(() -> consumed.get() >= 100);

        caller.interrupt();
        caller.join(TimeUnit.SECONDS.toMillis(30));

        assertThat(caller.isAlive()).as("the interrupted caller returns").isFalse();
        assertThat(result.get().status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(inStageSeenByAfterRun.get()).as("items in stage code when afterRun hooks ran").isZero();
        assertThat(stillInterrupted).as("the caller's interrupt status is kept").isTrue();
        Conservation.assertHolds(result.get());
    }

    @Test
    void aCallerInterruptedInAwaitIsReleasedAndTheRunGoesOn() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        PipelineRun run = Minigun.pipeline("awaited")
                .executor(executor)
                .producer("numbers", (Output<Integer> out) -> {
                    release.await();
                    IntStream.range(0, 10).forEach(out::emit);
                })
                .consumer("sink", (Integer n) -> { })
                .build()
                .start();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        Thread waiter = new Thread(() -> {
            try {
                run.await();
            } catch (Throwable t) {
                thrown.set(t);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }
        }, "test-waiter");
        waiter.start();
        await().atMost(10, TimeUnit.SECONDS).until(() -> waiter.getState() == Thread.State.WAITING);

        waiter.interrupt();
        waiter.join(TimeUnit.SECONDS.toMillis(10));
        release.countDown();

        assertThat(thrown.get()).hasMessageContaining("interrupted while waiting for run " + run.id());
        assertThat(stillInterrupted).isTrue();
        RunResult result = run.await(Duration.ofSeconds(20));
        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(result.stats().stage("sink").succeeded()).isEqualTo(10);
    }

    /** A run parameter that breaks while it is serialized for the workers, with an Error. */
    static final class Explosive implements Serializable {
        private static final long serialVersionUID = 1L;

        private void writeObject(ObjectOutputStream out) throws IOException {
            throw new AssertionError("explosive parameter");
        }
    }

    @Test
    void anErrorWhileARunStartsFailsTheRunAndReleasesWhoeverWaits() {
        Pipeline pipeline = Minigun.pipeline("explosive")
                .executor(executor)
                .producer("numbers", (Output<Integer> out) -> IntStream.range(0, 10).forEach(out::emit))
                .processor("work", (Integer n) -> n, s -> s.concurrency(ContextType.PROCESS).poolSize(1))
                .consumer("sink", (Integer n) -> { })
                .build();

        PipelineRun run = pipeline.start(Map.of("explosive", new Explosive()));

        assertThatThrownBy(() -> run.await(Duration.ofSeconds(30)))
                .isInstanceOf(PipelineExecutionException.class)
                .hasMessageContaining("explosive parameter");
        PipelineExecutionException failure = catchFailure(run);
        assertThat(failure.result().status()).isEqualTo(RunStatus.FAILED);
        assertThat(failure.result().failures()).isNotEmpty();
    }

    private static PipelineExecutionException catchFailure(PipelineRun run) {
        try {
            run.await();
        } catch (PipelineExecutionException e) {
            return e;
        }
        throw new AssertionError("the run did not fail");
    }

    /** A listener that throws an Error, not an exception, on both ends of a run. */
    static final class BrokenListener implements RunListener {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public void runStarted(PipelineRun run, ExecutionPlan plan) {
            calls.incrementAndGet();
            throw new AssertionError("listener broken on start");
        }

        @Override
        public void runFinished(RunResult result, ExecutionPlan plan) {
            calls.incrementAndGet();
            throw new AssertionError("listener broken on finish");
        }
    }

    @Test
    void aListenerThatThrowsAnErrorNeitherBreaksTheRunNorKeepsItActive() throws Exception {
        BrokenListener broken = new BrokenListener();
        executor.addListener(broken);
        Pipeline pipeline = Minigun.pipeline("listened")
                .executor(executor)
                .producer("numbers", (Output<Integer> out) -> IntStream.range(0, 10).forEach(out::emit))
                .consumer("sink", (Integer n) -> { })
                .build();

        RunResult started = pipeline.start().await(Duration.ofSeconds(20));
        RunResult ran = pipeline.run();

        assertThat(started.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(ran.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(ran.stats().stage("sink").succeeded()).isEqualTo(10);
        assertThat(broken.calls).hasValue(4);
    }
}
