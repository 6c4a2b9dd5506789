package io.minigun;

import io.minigun.execution.PipelineExecutor;
import io.minigun.stats.StageStats;
import io.minigun.support.BusyWork;
import io.minigun.support.Conservation;
import io.minigun.support.MinigunThreads;
import io.minigun.support.WarmRuns;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Cancellation at random points, 100 seeded runs per context type: at once, after a random number of delivered
 * items, or after a random delay. Every run ends in bounded time, and every produced item is accounted for: delivered
 * once, or counted as cancelled (or failed) at exactly one stage.
 */
@Timeout(300)
@ExtendWith(MinigunThreads.class)
class CancellationFaultsTest {
    private static final int RUNS = 100;
    private static final int ITEMS = 20_000;
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "test-cancel-timer");
        thread.setDaemon(true);
        return thread;
    });

    @AfterAll
    static void stopTimer() {
        TIMER.shutdownNow();
    }

    @Test
    void inlineStages() {
        cancelAtRandomPoints(ContextType.INLINE, RUNS);
    }

    @Test
    void threadStages() {
        cancelAtRandomPoints(ContextType.THREAD, RUNS);
    }

    @Test
    @EnabledForJreRange(min = JRE.JAVA_21, disabledReason = "virtual threads exist from Java 21 on")
    void virtualThreadStages() {
        cancelAtRandomPoints(ContextType.VIRTUAL, RUNS);
    }

    @Test
    void processStages() {
        await().atMost(15, TimeUnit.SECONDS).until(() -> ProcessHandle.current().descendants().count() == 0);
        cancelAtRandomPoints(ContextType.PROCESS, RUNS);
        await().atMost(15, TimeUnit.SECONDS).until(() -> ProcessHandle.current().descendants().count() == 0);
    }

    /**
     * The PROCESS runs on one executor that keeps the stage's workers warm: a run that completes hands its workers to
     * the next, a cancelled one kills those it holds, and the next starts new ones.
     */
    @Test
    void processStagesWithWarmWorkers() {
        await().atMost(15, TimeUnit.SECONDS).until(() -> ProcessHandle.current().descendants().count() == 0);
        try (PipelineExecutor executor = new PipelineExecutor()) {
            for (int seed = 1; seed <= RUNS; seed++) {
                cancelOnce(ContextType.PROCESS, seed, WarmRuns.keptWarm(Minigun.pipeline("cancel-process-warm"),
                        executor));
            }
        }
        assertThat(ProcessHandle.current().descendants()).as("worker JVMs once the executor is closed").isEmpty();
    }

    private void cancelAtRandomPoints(ContextType type, int runs) {
        for (int seed = 1; seed <= runs; seed++) {
            cancelOnce(type, seed, Minigun.pipeline("cancel-" + type.name().toLowerCase() + "-" + seed));
        }
    }

    private void cancelOnce(ContextType type, int seed, PipelineBuilder builder) {
        Random random = new Random(seed * 31L + type.ordinal());
        List<Integer> delivered = Collections.synchronizedList(new ArrayList<>(ITEMS));
        Pipeline pipeline = builder
                .producer("numbers", (Output<Integer> out) -> IntStream.range(0, ITEMS).forEach(out::emit))
                .processor("work", (Integer n) -> BusyWork.spin(n, 2), s -> {
                    s.concurrency(type);
                    if (type != ContextType.INLINE) {
                        s.poolSize(2);
                    }
                })
                .processor("tag", (Integer n) -> n, s -> s.threads(1))
                .consumer("sink", (Integer n) -> delivered.add(n))
                .build();

        PipelineRun run = pipeline.start();
        int mode = random.nextInt(3);
        if (mode == 0) {
            run.cancel();
        } else if (mode == 1) {
            int after = random.nextInt(ITEMS / 4);
            await().atMost(60, TimeUnit.SECONDS).until(() -> delivered.size() >= after || run.isDone());
            run.cancel();
        } else {
            TIMER.schedule(run::cancel, random.nextInt(20_000), TimeUnit.MICROSECONDS);
        }

        RunResult result;
        try {
            result = run.await(Duration.ofSeconds(30));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError(type + " run " + seed + " (mode " + mode + ") did not end 30 s after cancel",
                    e);
        }
        assertThat(result.status()).as("%s seed %d", type, seed).isIn(RunStatus.CANCELLED, RunStatus.COMPLETED);
        Conservation.assertHolds(result);
        assertEveryItemAccountedFor(result, delivered, type, seed);
    }

    /** Produced = delivered + cancelled or failed at one stage of the chain; nothing delivered twice. */
    private static void assertEveryItemAccountedFor(RunResult result, List<Integer> delivered, ContextType type,
                                                    int seed) {
        long produced = result.stats().stage("numbers").produced();
        long lost = 0;
        for (String name : List.of("work", "tag", "sink")) {
            StageStats stage = result.stats().stage(name);
            lost += stage.cancelled() + stage.failed();
        }
        StageStats sink = result.stats().stage("sink");
        assertThat(sink.succeeded() + lost).as("%s seed %d: delivered + cancelled + failed\n%s", type, seed,
                        result.stats().summary())
                .isEqualTo(produced);
        assertThat(delivered).as("%s seed %d: delivered items", type, seed).hasSize((int) sink.succeeded());
        assertThat(new HashSet<>(delivered)).as("%s seed %d: nothing delivered twice", type, seed)
                .hasSize(delivered.size());
    }
}
