package io.minigun.internal.worker;

import io.minigun.process.ProcessOptions;

import io.minigun.ContextType;
import io.minigun.Minigun;
import io.minigun.Output;
import io.minigun.Pipeline;
import io.minigun.RunResult;
import io.minigun.RunStatus;
import io.minigun.execution.PipelineExecutor;
import io.minigun.support.Conservation;
import io.minigun.support.MinigunThreads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** PROCESS workers kept warm across runs of the same stage, and stopped when idle, with their executor, or dead. */
@Timeout(120)
@ExtendWith(MinigunThreads.class)
class WarmWorkersTest {
    private PipelineExecutor executor;

    @BeforeEach
    void noWorkerBefore() {
        await().atMost(15, TimeUnit.SECONDS).until(() -> ProcessHandle.current().descendants().count() == 0);
        executor = new PipelineExecutor();
    }

    @AfterEach
    void noWorkerIsLeftBehind() {
        executor.close();
        assertThat(ProcessHandle.current().descendants()).as("worker JVMs after the executor closed").isEmpty();
    }

    /** Each item becomes "tag:pid": the run parameter {@code tag} as the worker sees it, and the worker's PID. */
    private Pipeline tagging(Duration keepAlive) {
        return Minigun.pipeline("tagging")
                .executor(executor)
                .process(ProcessOptions.defaults().withKeepAlive(keepAlive))
                .producer("numbers", (Output<Integer> out) -> IntStream.range(0, 200).forEach(out::emit))
                .processor("tag", (Integer n, Output<String> out) ->
                                out.emit(out.context().parameters().get("tag") + ":" + ProcessHandle.current().pid()),
                        s -> s.concurrency(ContextType.PROCESS).poolSize(2))
                .consumer("collect", (String tagged) -> collected.add(tagged))
                .build();
    }

    private final List<String> collected = Collections.synchronizedList(new ArrayList<>());

    /** Runs the pipeline with parameter {@code tag} and returns the PIDs that handled its items. */
    private Set<Long> runTagged(Pipeline pipeline, String tag) {
        collected.clear();
        RunResult result = pipeline.run(Map.of("tag", tag));
        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        Conservation.assertHolds(result);
        assertThat(collected).hasSize(200).allSatisfy(item -> assertThat(item).startsWith(tag + ":"));
        return collected.stream().map(item -> Long.parseLong(item.substring(item.indexOf(':') + 1)))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * The stage's two worker JVMs, once a run is over. Which of them handles which items is up to how fast each takes
     * them, so a test learns its workers from here and checks that the items' PIDs are among them.
     */
    private static Set<Long> twoWorkersServing(Set<Long> itemPids) {
        Set<Long> workers = children();
        assertThat(workers).as("worker JVMs").hasSize(2).doesNotContain(ProcessHandle.current().pid());
        assertThat(itemPids).as("PIDs that handled the items").isNotEmpty().isSubsetOf(workers);
        return workers;
    }

    private static Set<Long> children() {
        return ProcessHandle.current().children().map(ProcessHandle::pid)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void aSecondRunReusesTheWarmWorkersAndSeesItsOwnParameters() {
        Pipeline pipeline = tagging(Duration.ofMinutes(5));

        Set<Long> warm = twoWorkersServing(runTagged(pipeline, "run-1"));

        Set<Long> second = runTagged(pipeline, "run-2");

        assertThat(second).as("workers of run 2").isNotEmpty().isSubsetOf(warm);
        assertThat(children()).isEqualTo(warm);
    }

    @Test
    void aPipelineBuiltAgainFromTheSameCodeReusesTheWorkersButAnotherStageDoesNot() {
        Set<Long> first = twoWorkersServing(runTagged(tagging(Duration.ofMinutes(5)), "run-1"));

        Set<Long> rebuilt = runTagged(tagging(Duration.ofMinutes(5)), "run-2");
        assertThat(children()).as("workers after the rebuilt pipeline's run").isEqualTo(first);
        List<Long> other = Collections.synchronizedList(new ArrayList<>());
        Minigun.pipeline("other")
                .executor(executor)
                .process(ProcessOptions.defaults().withKeepAlive(Duration.ofMinutes(5)))
                .producer("numbers", (Output<Integer> out) -> IntStream.range(0, 50).forEach(out::emit))
                .processor("pid", (Integer n) -> ProcessHandle.current().pid(),
                        s -> s.concurrency(ContextType.PROCESS).poolSize(2))
                .consumer("collect", (Long pid) -> other.add(pid))
                .build()
                .run()
                .throwIfFailed();

        assertThat(rebuilt).as("same pipeline, stage, code, codec and JVM options").isNotEmpty().isSubsetOf(first);
        assertThat(other).as("another pipeline's stage").isNotEmpty().doesNotContainAnyElementsOf(first);
        assertThat(executor.warmWorkers()).isEqualTo(4);
    }

    @Test
    void warmWorkersIdleForTheirKeepAliveAreStoppedAndThePoolsThreadsEnd() {
        Set<Long> itemPids = runTagged(tagging(Duration.ofSeconds(4)), "run-1");
        long returned = System.nanoTime();
        twoWorkersServing(itemPids);

        await().atMost(30, TimeUnit.SECONDS).until(() -> children().isEmpty());

        // the keep-alive counts from the end of the run, a little before run() returned
        assertThat(Duration.ofNanos(System.nanoTime() - returned)).as("kept for about their keep-alive")
                .isGreaterThan(Duration.ofSeconds(2));
        assertThat(executor.warmWorkers()).isZero();
        await().atMost(10, TimeUnit.SECONDS).until(() -> MinigunThreads.live().stream()
                .noneMatch(thread -> thread.getName().startsWith("minigun-worker-pool-")));
    }

    @Test
    void closingTheExecutorStopsItsWarmWorkersAtOnce() {
        Set<Long> first = twoWorkersServing(runTagged(tagging(Duration.ofHours(1)), "run-1"));
        assertThat(MinigunThreads.live()).extracting(Thread::getName).anyMatch(name ->
                name.startsWith("minigun-worker-pool-"));

        executor.close();

        assertThat(children()).as("worker JVMs once close() has returned").isEmpty();
        assertThat(MinigunThreads.live()).extracting(Thread::getName).as("threads once close() has returned")
                .noneMatch(name -> name.startsWith("minigun-worker-pool-"));
        assertThat(runTagged(tagging(Duration.ofHours(1)), "after-close")).as("a run after close starts its own")
                .doesNotContainAnyElementsOf(first);
        assertThat(children()).as("and stops them at its end").isEmpty();
    }

    @Test
    void aWarmWorkerKilledBetweenRunsIsReplacedAndNothingIsLost() {
        Pipeline pipeline = tagging(Duration.ofMinutes(5));
        Set<Long> first = twoWorkersServing(runTagged(pipeline, "run-1"));
        ProcessHandle victim = ProcessHandle.of(first.iterator().next()).orElseThrow();
        victim.destroyForcibly();
        victim.onExit().join();

        Set<Long> itemPids = runTagged(pipeline, "run-2");
        Set<Long> second = twoWorkersServing(itemPids);

        assertThat(itemPids).as("PIDs that handled run 2's items").doesNotContain(victim.pid());
        assertThat(second).as("the survivor and one new worker").containsAnyElementsOf(first);
    }

    @Test
    void aCancelledRunKillsTheWarmWorkersItHeldAndTheNextRunStartsNewOnes() throws Exception {
        Pipeline endless = Minigun.pipeline("endless")
                .executor(executor)
                .process(ProcessOptions.defaults().withKeepAlive(Duration.ofMinutes(5)))
                .producer("numbers", (Output<Integer> out) -> {
                    int limit = (Integer) out.context().parameters().getOrDefault("limit", Integer.MAX_VALUE);
                    for (int i = 0; i < limit; i++) {
                        out.emit(i);
                    }
                })
                .processor("pid", (Integer n) -> ProcessHandle.current().pid(),
                        s -> s.concurrency(ContextType.PROCESS).poolSize(2))
                .consumer("collect", (Long pid) -> collected.add(String.valueOf(pid)))
                .build();
        endless.run(Map.of("limit", 100)).throwIfFailed();
        Set<Long> warm = children();
        assertThat(warm).hasSize(2);

        io.minigun.PipelineRun cancelled = endless.start();
        await().atMost(30, TimeUnit.SECONDS).until(() -> collected.size() > 1_000);
        cancelled.cancel();
        RunResult result = cancelled.await(Duration.ofSeconds(30));

        assertThat(result.status()).isEqualTo(RunStatus.CANCELLED);
        Conservation.assertHolds(result);
        assertThat(executor.warmWorkers()).as("workers of a cancelled run are not kept").isZero();
        await().atMost(15, TimeUnit.SECONDS).until(() -> children().isEmpty());
        collected.clear();
        endless.run(Map.of("limit", 100)).throwIfFailed();
        assertThat(collected.stream().map(Long::parseLong)).isNotEmpty().doesNotContainAnyElementsOf(warm);
    }

    @Test
    void twoConcurrentRunsOfTheSameStageNeverShareAWorker() throws Exception {
        Map<String, Set<Long>> pidsByRun = new java.util.concurrent.ConcurrentHashMap<>();
        // set once the warm-up run is over: then counts the two overlapping runs' first items
        java.util.concurrent.atomic.AtomicReference<java.util.concurrent.CountDownLatch> bothRunning =
                new java.util.concurrent.atomic.AtomicReference<>(new java.util.concurrent.CountDownLatch(0));
        Pipeline pipeline = Minigun.pipeline("shared")
                .executor(executor)
                .process(ProcessOptions.defaults().withKeepAlive(Duration.ofMinutes(5)))
                .producer("numbers", (Output<Integer> out) -> {
                    IntStream.range(0, 10).forEach(out::emit);
                    // both runs hold their workers until both have seen items: they overlap for sure
                    if (out.context().parameters().containsKey("overlap")) {
                        bothRunning.get().await();
                    }
                    IntStream.range(10, 100).forEach(out::emit);
                })
                .processor("tag", (Integer n, Output<String> out) ->
                                out.emit(out.context().runId() + ":" + ProcessHandle.current().pid()),
                        s -> s.concurrency(ContextType.PROCESS).poolSize(2))
                .consumer("collect", (String tagged) -> {
                    String run = tagged.substring(0, tagged.indexOf(':'));
                    Set<Long> pids = pidsByRun.computeIfAbsent(run,
                            r -> new java.util.concurrent.ConcurrentSkipListSet<>());
                    if (pids.add(Long.parseLong(tagged.substring(run.length() + 1))) && pids.size() == 1) {
                        bothRunning.get().countDown();
                    }
                })
                .build();
        pipeline.run().throwIfFailed(); // two warm workers for whichever run takes them
        pidsByRun.clear();
        bothRunning.set(new java.util.concurrent.CountDownLatch(2));

        io.minigun.PipelineRun a = pipeline.start(Map.of("overlap", true));
        io.minigun.PipelineRun b = pipeline.start(Map.of("overlap", true));
        RunResult resultA = a.await(Duration.ofSeconds(60));
        RunResult resultB = b.await(Duration.ofSeconds(60));

        assertThat(List.of(resultA.status(), resultB.status())).containsOnly(RunStatus.COMPLETED);
        Set<Long> pidsA = pidsByRun.get(a.id());
        Set<Long> pidsB = pidsByRun.get(b.id());
        assertThat(pidsA).isNotEmpty().doesNotContainAnyElementsOf(pidsB);
        assertThat(pidsB).isNotEmpty();
        assertThat(executor.warmWorkers()).as("at most the stage's worker count is kept").isEqualTo(2);
        await().atMost(15, TimeUnit.SECONDS).until(() -> children().size() == 2);
    }

    @Test
    void afterForkRunsOncePerWorkerJvmNotOncePerRun(@org.junit.jupiter.api.io.TempDir java.nio.file.Path temp)
            throws Exception {
        String log = temp.resolve("forks.log").toString();
        Pipeline pipeline = Minigun.pipeline("forks")
                .executor(executor)
                .process(ProcessOptions.defaults().withKeepAlive(Duration.ofMinutes(5)))
                .producer("numbers", (Output<Integer> out) -> IntStream.range(0, 20).forEach(out::emit))
                .processor("work", (Integer n) -> n, s -> s.concurrency(ContextType.PROCESS).poolSize(2))
                .consumer("sink", (Integer n) -> { })
                .afterFork(context -> java.nio.file.Files.writeString(java.nio.file.Path.of(log),
                        context.runId() + " " + ProcessHandle.current().pid() + "\n",
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND))
                .build();

        RunResult first = pipeline.run().throwIfFailed();
        pipeline.run().throwIfFailed();

        assertThat(java.nio.file.Files.readAllLines(java.nio.file.Path.of(log)))
                .as("one line per worker JVM, with the run that started it")
                .hasSize(2).allSatisfy(line -> assertThat(line).startsWith(first.id() + " "));
    }

    @Test
    void anAccumulatorKeptWarmFlushesEachRunsRemainderInThatRun() {
        List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
        Pipeline pipeline = Minigun.pipeline("batches")
                .executor(executor)
                .process(ProcessOptions.defaults().withKeepAlive(Duration.ofMinutes(5)))
                .producer("numbers", (Output<Integer> out) -> {
                    int base = (Integer) out.context().parameters().get("base");
                    IntStream.range(base, base + 25).forEach(out::emit);
                })
                .accumulator("batch", s -> s.maxSize(10).concurrency(ContextType.PROCESS).poolSize(1))
                .consumer("collect", (List<Integer> batch) -> batches.add(batch))
                .build();

        for (int base : List.of(0, 1_000)) {
            batches.clear();
            RunResult result = pipeline.run(Map.of("base", base)).throwIfFailed();
            Conservation.assertHolds(result);
            assertThat(batches).extracting(List::size).containsExactly(10, 10, 5);
            assertThat(batches.stream().flatMap(List::stream))
                    .containsExactlyElementsOf(IntStream.range(base, base + 25).boxed().toList());
        }
        assertThat(children()).hasSize(1);
    }

    @Test
    void workersStartedAheadOfAnyRunServeTheFirstRunWhichTheirAfterForkHooksSee(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path temp) throws Exception {
        String log = temp.resolve("forks.log").toString();
        Pipeline pipeline = Minigun.pipeline("ahead")
                .executor(executor)
                .process(ProcessOptions.defaults().withKeepAlive(Duration.ofMinutes(5)))
                .producer("numbers", (Output<Integer> out) -> IntStream.range(0, 50).forEach(out::emit))
                .processor("pid", (Integer n) -> ProcessHandle.current().pid(),
                        s -> s.concurrency(ContextType.PROCESS).poolSize(2))
                .consumer("collect", (Long pid) -> collected.add(String.valueOf(pid)))
                .afterFork(context -> java.nio.file.Files.writeString(java.nio.file.Path.of(log),
                        context.runId() + "\n", java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.APPEND))
                .build();

        assertThat(executor.startWorkers(pipeline)).isEqualTo(2);
        Set<Long> started = children();
        assertThat(started).hasSize(2);
        assertThat(executor.warmWorkers()).isEqualTo(2);
        RunResult first = pipeline.run().throwIfFailed();

        assertThat(collected.stream().map(Long::parseLong).collect(Collectors.toSet()))
                .as("the first run's workers").isNotEmpty().isSubsetOf(started);
        assertThat(java.nio.file.Files.readAllLines(java.nio.file.Path.of(log)))
                .as("afterFork ran in each worker with the first run's context")
                .containsExactly(first.id(), first.id());
        assertThat(executor.startWorkers(pipeline)).as("its workers are idle already").isZero();
        assertThat(children()).isEqualTo(started);
    }

    @Test
    void aStageWithoutKeepAliveStartsNoWorkerAhead() {
        assertThat(executor.startWorkers(tagging(Duration.ZERO))).isZero();
        assertThat(children()).isEmpty();
    }
}
