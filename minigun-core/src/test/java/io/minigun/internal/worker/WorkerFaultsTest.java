package io.minigun.internal.worker;

import io.minigun.process.ProcessOptions;

import io.minigun.ContextType;
import io.minigun.Minigun;
import io.minigun.Output;
import io.minigun.Pipeline;
import io.minigun.PipelineBuilder;
import io.minigun.PipelineRun;
import io.minigun.RunResult;
import io.minigun.RunStatus;
import io.minigun.execution.PipelineExecutor;
import io.minigun.support.BusyWork;
import io.minigun.support.Conservation;
import io.minigun.support.MinigunThreads;
import io.minigun.support.WarmRuns;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Worker JVMs that die from outside or from inside, at every moment of their life: whatever happens, every item
 * enters the rest of the pipeline exactly once (or fails with a reason), the run ends, and no worker is left.
 */
@Timeout(120)
@ExtendWith(MinigunThreads.class)
class WorkerFaultsTest {
    @TempDir
    Path temp;

    @AfterEach
    void noWorkerIsLeftBehind() {
        await().atMost(15, TimeUnit.SECONDS).until(() -> ProcessHandle.current().descendants().count() == 0);
    }

    private static List<ProcessHandle> workers() {
        return ProcessHandle.current().children().toList();
    }

    private static void assertEveryItemOnce(List<Integer> out, int total) {
        assertThat(out).hasSize(total);
        assertThat(new java.util.TreeSet<>(out)).containsExactlyElementsOf(IntStream.range(0, total).boxed().toList());
    }

    /** Where the run is when the workers are killed. */
    enum Moment { STARTUP, IDLE, MID_RUN }

    /**
     * SIGKILL at a moment and of victims chosen by the seed: during start-up, while idle, mid-run; one worker, two in
     * a row, or all at once.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void workersKilledAtRandomMomentsLoseNothing(int seed) throws Exception {
        killAtARandomMoment(seed, null);
    }

    /**
     * The same with workers kept warm by an earlier run: start-up is when the run takes them from the pool, so a
     * worker may die while idle in the pool, just after a run took it, or mid-run.
     */
    @ParameterizedTest(name = "seed {0}, warm workers")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void warmWorkersKilledAtRandomMomentsLoseNothing(int seed) throws Exception {
        try (PipelineExecutor executor = new PipelineExecutor()) {
            killAtARandomMoment(seed, executor);
        }
    }

    /** A run killed as the seed says; with an executor, its workers were kept warm by a run before it. */
    private void killAtARandomMoment(int seed, PipelineExecutor warm) throws Exception {
        Random random = new Random(seed);
        Moment moment = Moment.values()[seed % Moment.values().length];
        int victims = 1 + random.nextInt(3); // 1, 2 in a row, or 3 = all at once
        int total = 3_000;
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> out = Collections.synchronizedList(new ArrayList<>());
        PipelineBuilder builder = Minigun.pipeline("kill-" + seed);
        Pipeline pipeline = (warm == null ? builder : WarmRuns.keptWarm(builder, warm))
                .producer("numbers", (Output<Integer> o) -> {
                    if (WarmRuns.warmingUp(o)) {
                        return;
                    }
                    release.await();
                    IntStream.range(0, total).forEach(o::emit);
                })
                .processor("work", (Integer n) -> BusyWork.spin(n, 20),
                        s -> s.concurrency(ContextType.PROCESS).poolSize(2))
                .consumer("collect", (Integer n) -> out.add(n))
                .build();
        if (warm != null) {
            assertThat(WarmRuns.warmUp(pipeline)).hasSize(2);
        }
        PipelineRun run = pipeline.start();

        switch (moment) {
            case STARTUP -> {
                await().pollInterval(Duration.ofMillis(1)).atMost(30, TimeUnit.SECONDS)
                        .until(() -> !workers().isEmpty());
                release.countDown();
                kill(victims, random);
            }
            case IDLE -> {
                // both workers started and are waiting for items: their stderr pumps and readers are running
                await().atMost(30, TimeUnit.SECONDS).until(() -> workers().size() == 2
                        && run.stats().stage("work").consumed() == 0);
                kill(victims, random);
                release.countDown();
            }
            case MID_RUN -> {
                release.countDown();
                int after = 200 + random.nextInt(total / 2);
                await().atMost(60, TimeUnit.SECONDS).until(() -> out.size() >= after);
                kill(victims, random);
            }
        }
        RunResult result = run.await(Duration.ofSeconds(60));

        assertThat(result.status()).as("%s, %d victim(s)", moment, victims).isEqualTo(RunStatus.COMPLETED);
        assertEveryItemOnce(out, total);
        assertThat(result.stats().stage("work").succeeded()).isEqualTo(total);
        Conservation.assertHolds(result);
    }

    /** Kills {@code victims} live workers: 1 or 2 one after the other, or every one at once. */
    private static void kill(int victims, Random random) {
        List<ProcessHandle> live = workers();
        if (victims >= 3) {
            live.forEach(ProcessHandle::destroyForcibly);
            return;
        }
        List<ProcessHandle> shuffled = new ArrayList<>(live);
        Collections.shuffle(shuffled, random);
        for (int i = 0; i < Math.min(victims, shuffled.size()); i++) {
            ProcessHandle victim = shuffled.get(i);
            victim.destroyForcibly();
            victim.onExit().join();
        }
    }

    @Test
    void aWorkerKilledWhileTheParentIsBlockedWritingToAFullPipeLosesNothing() throws Exception {
        int total = 400;
        String blob = "x".repeat(20_000); // a few items fill the pipe while the worker is busy
        List<Integer> out = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger started = new AtomicInteger();
        PipelineRun run = Minigun.pipeline("full-pipe")
                .producer("numbers", (Output<String> o) -> IntStream.range(0, total)
                        .forEach(n -> o.emit(n + ":" + blob)))
                .processor("slow", (String s) -> {
                    BusyWork.spin(0, 2_000);
                    return Integer.parseInt(s.substring(0, s.indexOf(':')));
                }, s -> s.concurrency(ContextType.PROCESS).poolSize(1))
                .consumer("collect", (Integer n) -> {
                    started.incrementAndGet();
                    out.add(n);
                })
                .build()
                .start();
        await().atMost(30, TimeUnit.SECONDS).until(() -> started.get() >= 20);

        workers().forEach(ProcessHandle::destroyForcibly);
        RunResult result = run.await(Duration.ofSeconds(60));

        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        assertEveryItemOnce(out, total);
        Conservation.assertHolds(result);
    }

    @Test
    void emissionsOfAnItemWhoseWorkerDiedEnterTheRestOfThePipelineOnce() {
        String marker = temp.resolve("died-once").toString();
        Map<Integer, AtomicInteger> received = new ConcurrentHashMap<>();
        RunResult result = Minigun.pipeline("partial-output")
                .producer("numbers", (Output<Integer> o) -> IntStream.range(0, 10).forEach(o::emit))
                .processor("explode", (Integer n, Output<Integer> o) -> {
                    // item 5 writes far more than one buffer of output, then its worker dies the first time
                    int emissions = n == 5 ? 50_000 : 100;
                    for (int i = 0; i < emissions; i++) {
                        o.emit(n * 100_000 + i);
                    }
                    if (n == 5 && new File(marker).createNewFile()) {
                        Runtime.getRuntime().halt(3);
                    }
                }, s -> s.concurrency(ContextType.PROCESS).poolSize(1).retries(1))
                .consumer("collect", (Integer n) -> received.computeIfAbsent(n, k -> new AtomicInteger())
                        .incrementAndGet())
                .build()
                .run();

        assertThat(Files.exists(Path.of(marker))).isTrue();
        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(received).hasSize(9 * 100 + 50_000);
        assertThat(received.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
        Conservation.assertHolds(result);
    }

    @Test
    void aWorkerThatRunsOutOfMemoryIsReplacedAndItsItemRetried() {
        String marker = temp.resolve("oom-once").toString();
        List<Integer> out = Collections.synchronizedList(new ArrayList<>());
        RunResult result = Minigun.pipeline("oom")
                .process(ProcessOptions.defaults().withJvmArgs(List.of("-Xmx48m")))
                .producer("numbers", (Output<Integer> o) -> IntStream.range(0, 50).forEach(o::emit))
                .processor("hungry", (Integer n) -> {
                    if (n == 20 && new File(marker).createNewFile()) {
                        List<long[]> hog = new ArrayList<>();
                        while (true) {
                            hog.add(new long[1 << 20]);
                        }
                    }
                    return n;
                }, s -> s.concurrency(ContextType.PROCESS).poolSize(2))
                .consumer("collect", (Integer n) -> out.add(n))
                .build()
                .run();

        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        assertEveryItemOnce(out, 50);
        assertThat(result.stats().stage("hungry").retried()).isGreaterThanOrEqualTo(1);
        Conservation.assertHolds(result);
    }

    @Test
    void aWorkerThatHangsInAnItemIsStoppedWhenTheRunIsCancelled() throws Exception {
        Path hanging = temp.resolve("hanging");
        String marker = hanging.toString();
        PipelineRun run = Minigun.pipeline("hang")
                .producer("numbers", (Output<Integer> o) -> IntStream.range(0, 100).forEach(o::emit))
                .processor("stuck", (Integer n) -> {
                    if (n == 7) {
                        new File(marker).createNewFile();
                        while (true) {
                            BusyWork.spin(n, 1_000); // ignores interrupts, like stage code stuck in a native call
                        }
                    }
                    return n;
                }, s -> s.concurrency(ContextType.PROCESS).poolSize(2))
                .consumer("collect", (Integer n) -> { })
                .build()
                .start();
        await().atMost(30, TimeUnit.SECONDS).until(() -> Files.exists(hanging));

        run.cancel();
        RunResult result = run.await(Duration.ofSeconds(20));

        assertThat(result.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(result.stats().stage("stuck").cancelled()).isGreaterThanOrEqualTo(1);
        Conservation.assertHolds(result);
    }
}
