package io.minigun.internal.worker;

import io.minigun.process.ProcessOptions;

import io.minigun.ContextType;
import io.minigun.ItemFailure;
import io.minigun.Minigun;
import io.minigun.Output;
import io.minigun.Pipeline;
import io.minigun.PipelineBuilder;
import io.minigun.PipelineDefinitionException;
import io.minigun.PipelineRun;
import io.minigun.RunResult;
import io.minigun.RunStatus;
import io.minigun.execution.PipelineExecutor;
import io.minigun.stats.StageStats;
import io.minigun.support.Conservation;
import io.minigun.support.SlowItems;
import io.minigun.support.WarmRuns;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** PROCESS stages: worker JVMs that keep every item's meaning, survive crashes and never outlive their run. */
@Timeout(90)
class ProcessStageTest {

    @TempDir
    Path temp;

    @AfterEach
    void noWorkerIsLeftBehind() {
        await().atMost(15, TimeUnit.SECONDS).until(() -> ProcessHandle.current().children().count() == 0);
    }

    @Test
    void itemsRunInTwoWorkerJvmsWithTheirOwnPids() {
        List<Long> pids = Collections.synchronizedList(new ArrayList<>());
        Pipeline pipeline = Minigun.pipeline("pids")
                .producer("numbers", out -> {
                    for (int i = 0; i < 200; i++) {
                        out.emit(i);
                    }
                })
                .processor("pid", (Integer n) -> ProcessHandle.current().pid(),
                        s -> s.concurrency(ContextType.PROCESS).poolSize(2))
                .consumer("collect", (Long pid) -> pids.add(pid))
                .build();

        RunResult result = pipeline.run();

        assertThat(pipeline.plan().contextType("pid")).isEqualTo(ContextType.PROCESS);
        assertThat(pipeline.plan().workers("pid")).isEqualTo(2);
        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(pids).hasSize(200).doesNotContain(ProcessHandle.current().pid());
        assertThat(new HashSet<>(pids)).hasSize(2);
        assertThat(result.stats().stage("pid").succeeded()).isEqualTo(200);
        Conservation.assertHolds(result);
    }

    @Test
    void everyItemArrivesExactlyOnceThroughFourWorkers() {
        List<Integer> out = Collections.synchronizedList(new ArrayList<>());
        RunResult result = Minigun.pipeline("four")
                .producer("numbers", o -> IntStream.rangeClosed(1, 1000).forEach(o::emit))
                .processor("square", (Integer n) -> n, s -> s.concurrency(ContextType.PROCESS).poolSize(4))
                .consumer("collect", (Integer n) -> out.add(n))
                .build()
                .run();

        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(out).hasSize(1000).containsExactlyInAnyOrderElementsOf(
                IntStream.rangeClosed(1, 1000).boxed().toList());
        Conservation.assertHolds(result);
    }

    /** Runs the pipeline; when {@code warm}, on workers kept warm by a run before it (see {@link WarmRuns}). */
    private static RunResult run(PipelineBuilder builder, boolean warm) {
        if (!warm) {
            return builder.build().run();
        }
        try (PipelineExecutor executor = new PipelineExecutor()) {
            Pipeline pipeline = WarmRuns.keptWarm(builder, executor).build();
            WarmRuns.warmUp(pipeline);
            return pipeline.run();
        }
    }

    /** The producer of {@code count} numbers from 0, silent while a run only warms its workers up. */
    private static io.minigun.ProducerFunction<Integer> numbers(int count) {
        return o -> {
            if (!WarmRuns.warmingUp(o)) {
                IntStream.range(0, count).forEach(o::emit);
            }
        };
    }

    @ParameterizedTest(name = "warm workers: {0}")
    @ValueSource(booleans = {false, true})
    void aWorkerHaltedMidRunIsReplacedAndItsItemRetried(boolean warm) throws IOException {
        String marker = temp.resolve("crashed-once").toString();
        List<Integer> out = Collections.synchronizedList(new ArrayList<>());
        RunResult result = run(Minigun.pipeline("crash")
                .producer("numbers", numbers(300))
                .processor("fragile", (Integer n) -> {
                    if (n == 150 && new java.io.File(marker).createNewFile()) {
                        Runtime.getRuntime().halt(42);
                    }
                    return n;
                }, s -> s.concurrency(ContextType.PROCESS).poolSize(2))
                .consumer("collect", (Integer n) -> out.add(n)), warm);

        assertThat(Files.exists(Path.of(marker))).isTrue();
        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(out).containsExactlyInAnyOrderElementsOf(IntStream.range(0, 300).boxed().toList());
        assertThat(result.stats().stage("fragile").retried()).isEqualTo(1);
        Conservation.assertHolds(result);
    }

    @ParameterizedTest(name = "warm workers: {0}")
    @ValueSource(booleans = {false, true})
    void anItemThatKeepsKillingItsWorkerFailsWithAMessageSayingSo(boolean warm) {
        List<Integer> out = Collections.synchronizedList(new ArrayList<>());
        RunResult result = run(Minigun.pipeline("poison")
                .producer("numbers", numbers(20))
                .processor("fragile", (Integer n) -> {
                    if (n == 7) {
                        System.exit(9);
                    }
                    return n;
                }, s -> s.concurrency(ContextType.PROCESS).poolSize(2))
                .consumer("collect", (Integer n) -> out.add(n)), warm);

        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED_WITH_FAILURES);
        assertThat(out).hasSize(19).doesNotContain(7);
        assertThat(result.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.item()).isEqualTo(7);
            assertThat(failure.exception()).hasMessageContaining("died");
        });
        Conservation.assertHolds(result);
    }

    static final class NotSerializable {
        @Override
        public String toString() {
            return "not serializable";
        }
    }

    /** An item that cannot be sent to the worker, or (when {@code emitNull}) one whose code emits {@code null}. */
    @ParameterizedTest(name = "emitNull={0}")
    @ValueSource(booleans = {false, true})
    void anItemThatCannotCrossToOrFromItsWorkerFailsAloneNamingTheStage(boolean emitNull) {
        List<Object> out = Collections.synchronizedList(new ArrayList<>());
        Object middle = emitNull ? 2 : new NotSerializable();
        RunResult result = Minigun.pipeline("unsendable")
                .producer("things", o -> {
                    o.emit(1);
                    o.emit(middle);
                    o.emit(3);
                })
                .processor("echo", (Object x, Output<Object> o) -> o.emit(Integer.valueOf(2).equals(x) ? null : x),
                        s -> s.concurrency(ContextType.PROCESS).poolSize(1))
                .consumer("collect", (Object x) -> out.add(x))
                .build()
                .run();

        assertThat(out).containsExactlyInAnyOrder(1, 3);
        assertThat(result.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.stage()).isEqualTo("echo");
            assertThat(failure.exception()).hasMessageContaining(emitNull ? "stage 'echo' emitted null"
                    : NotSerializable.class.getName()).hasMessageContaining("stage 'echo'");
        });
        Conservation.assertHolds(result);
    }

    @Test
    void emissionsKeepTheirMeaningAcrossTheBoundary() {
        List<Object> evens = Collections.synchronizedList(new ArrayList<>());
        List<Object> odds = Collections.synchronizedList(new ArrayList<>());
        RunResult result = Minigun.pipeline("routing")
                .producer("numbers", o -> IntStream.range(0, 10).forEach(o::emit))
                .processor("split", (Integer n, io.minigun.Output<Object> out) -> {
                    if (n % 2 == 0) {
                        out.emit(List.of(n, n));
                    } else {
                        out.to("odd").emit(n);
                    }
                }, s -> s.concurrency(ContextType.PROCESS).poolSize(2))
                .consumer("even", (Object x) -> evens.add(x))
                .consumer("odd", (Object x) -> odds.add(x), s -> s.await(true))
                .build()
                .run();

        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(evens).containsExactlyInAnyOrder(List.of(0, 0), List.of(2, 2), List.of(4, 4), List.of(6, 6),
                List.of(8, 8));
        assertThat(odds).containsExactlyInAnyOrder(1, 3, 5, 7, 9);
        Conservation.assertHolds(result);
    }

    @ParameterizedTest(name = "warm workers: {0}")
    @ValueSource(booleans = {false, true})
    void anAccumulatorInAWorkerFlushesItsRemainder(boolean warm) {
        List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
        RunResult result = run(Minigun.pipeline("batches")
                .producer("numbers", numbers(25))
                .accumulator("batch", s -> s.maxSize(10).concurrency(ContextType.PROCESS).poolSize(1))
                .consumer("collect", (List<Integer> batch) -> batches.add(batch)), warm);

        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(batches).extracting(List::size).containsExactly(10, 10, 5);
        assertThat(batches.stream().flatMap(List::stream)).containsExactlyElementsOf(
                IntStream.range(0, 25).boxed().toList());
        Conservation.assertHolds(result);
    }

    @Test
    void afterForkRunsOncePerWorkerAndBeforeForkOnceInTheParent() throws IOException {
        Path log = temp.resolve("forks.log");
        String logPath = log.toString();
        List<String> parent = Collections.synchronizedList(new ArrayList<>());
        Minigun.pipeline("forks")
                .producer("numbers", o -> IntStream.range(0, 50).forEach(o::emit))
                .processor("work", (Integer n) -> n, s -> s.concurrency(ContextType.PROCESS).poolSize(3))
                .consumer("sink", (Integer n) -> { })
                .beforeFork(() -> parent.add("beforeFork " + ProcessHandle.current().pid()))
                .afterFork(() -> Files.writeString(Path.of(logPath), ProcessHandle.current().pid() + "\n",
                        StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND))
                .build()
                .run();

        assertThat(parent).containsExactly("beforeFork " + ProcessHandle.current().pid());
        List<String> pids = Files.readAllLines(log);
        assertThat(pids).hasSize(3).doesNotHaveDuplicates().doesNotContain(
                String.valueOf(ProcessHandle.current().pid()));
    }

    @Test
    void aCapturedValueThatDoesNotSerializeIsNamedAtBuild() {
        NotSerializable client = new NotSerializable();
        assertThatThrownBy(() -> Minigun.pipeline("capture")
                .producer("numbers", o -> o.emit(1))
                .processor("call", (Integer n) -> client + "-" + n, s -> s.concurrency(ContextType.PROCESS))
                .consumer("sink", (String s) -> { })
                .build())
                .isInstanceOf(PipelineDefinitionException.class)
                .hasMessageContaining("'call'")
                .hasMessageContaining(NotSerializable.class.getName())
                .hasMessageContaining("not serializable");
    }

    @Test
    void forceInlineRunsProcessStagesInThisJvm() {
        List<Long> pids = Collections.synchronizedList(new ArrayList<>());
        Minigun.pipeline("inline")
                .concurrency(c -> c.forceInline(true))
                .producer("numbers", o -> IntStream.range(0, 5).forEach(o::emit))
                .processor("pid", (Integer n) -> ProcessHandle.current().pid(), s -> s.concurrency(ContextType.PROCESS))
                .consumer("collect", (Long pid) -> pids.add(pid))
                .build()
                .run();

        assertThat(pids).hasSize(5).containsOnly(ProcessHandle.current().pid());
    }

    @Test
    void cancellingARunStopsItsWorkers() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        PipelineRun run = Minigun.pipeline("cancel")
                .producer("numbers", o -> {
                    for (int i = 0; ; i++) {
                        o.emit(i);
                        if (i == 100) {
                            started.countDown();
                        }
                    }
                })
                .processor("work", (Integer n) -> n, s -> s.concurrency(ContextType.PROCESS).poolSize(2))
                .consumer("sink", (Integer n) -> { })
                .build()
                .start();

        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        await().atMost(20, TimeUnit.SECONDS).until(() -> ProcessHandle.current().children().count() == 2);
        run.cancel();
        RunResult result = run.await(java.time.Duration.ofSeconds(30));

        assertThat(result.status()).isEqualTo(RunStatus.CANCELLED);
        Conservation.assertHolds(result);
    }

    @Test
    void whatAWorkerPrintsReachesTheParentsLogPrefixedWithStageAndWorker() {
        Logger logger = (Logger) LoggerFactory.getLogger("io.minigun.internal.worker.WorkerProcess");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        Level level = logger.getLevel();
        logger.setLevel(Level.INFO);
        logger.addAppender(appender);
        try {
            Minigun.pipeline("chatty")
                    .producer("numbers", o -> o.emit(1))
                    .processor("talk", (Integer n) -> {
                        System.out.println("hello from the worker");
                        return n;
                    }, s -> s.concurrency(ContextType.PROCESS).poolSize(1))
                    .consumer("sink", (Integer n) -> { })
                    .build()
                    .run();
        } finally {
            logger.detachAppender(appender);
            logger.setLevel(level);
        }
        assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage)
                .contains("[chatty/talk worker 1] hello from the worker");
    }

    @Test
    void jvmLoggingOptionsOfTheWorkersGoToStderrAndLeaveTheFramesIntact() {
        List<Integer> out = Collections.synchronizedList(new ArrayList<>());
        RunResult result = Minigun.pipeline("logged")
                .process(ProcessOptions.defaults().withJvmArgs(List.of("-Xlog:startuptime", "-verbose:gc",
                        "-Xlog:gc+init:stdout")))
                .producer("numbers", o -> IntStream.range(0, 100).forEach(o::emit))
                .processor("work", (Integer n) -> n + 1, s -> s.concurrency(ContextType.PROCESS).poolSize(2))
                .consumer("collect", (Integer n) -> out.add(n))
                .build()
                .run()
                .throwIfFailed();

        assertThat(out).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 100).boxed().toList());
        Conservation.assertHolds(result);
    }

    @Test
    void aStageThatWritesRawBytesToStandardOutputFailsItsItemInsteadOfHanging() {
        List<Integer> out = Collections.synchronizedList(new ArrayList<>());
        RunResult result = Minigun.pipeline("scribbler")
                .producer("numbers", o -> IntStream.range(0, 20).forEach(o::emit))
                .processor("scribble", (Integer n) -> {
                    if (n == 5) {
                        java.io.FileOutputStream raw = new java.io.FileOutputStream(java.io.FileDescriptor.out);
                        raw.write("[junk]\n".getBytes(StandardCharsets.US_ASCII));
                        raw.flush();
                    }
                    return n;
                }, s -> s.concurrency(ContextType.PROCESS).poolSize(1))
                .consumer("collect", (Integer n) -> out.add(n))
                .build()
                .run();

        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED_WITH_FAILURES);
        assertThat(out).doesNotContain(5).hasSize(19);
        assertThat(result.failures()).singleElement().satisfies(failure -> assertThat(failure.item()).isEqualTo(5));
        Conservation.assertHolds(result);
    }

    @Test
    void workersThatCannotStartFailTheRunInsteadOfBeingReplacedForever() {
        assertThatThrownBy(() -> Minigun.pipeline("nostart")
                .process(ProcessOptions.defaults().withJvmArgs(List.of("-Xmx1k")))
                .producer("numbers", o -> IntStream.range(0, 10).forEach(o::emit))
                .processor("work", (Integer n) -> n, s -> s.concurrency(ContextType.PROCESS).poolSize(2))
                .consumer("sink", (Integer n) -> { })
                .build()
                .run())
                .isInstanceOf(io.minigun.PipelineExecutionException.class)
                .satisfies(e -> {
                    RunResult result = ((io.minigun.PipelineExecutionException) e).result();
                    assertThat(result.status()).isEqualTo(RunStatus.FAILED);
                    assertThat(result.cause()).get().asString().contains("cannot start");
                    Conservation.assertHolds(result);
                });
    }

    @Test
    void failuresInsideAWorkerAreRetriedThenRecorded() {
        List<Integer> out = Collections.synchronizedList(new ArrayList<>());
        RunResult result = Minigun.pipeline("failing")
                .producer("numbers", o -> IntStream.range(0, 10).forEach(o::emit))
                .processor("picky", (Integer n) -> {
                    if (n == 4) {
                        throw new IllegalArgumentException("no fours");
                    }
                    return n;
                }, s -> s.concurrency(ContextType.PROCESS).poolSize(1).retries(2)
                        .backoff(java.time.Duration.ofMillis(1)))
                .consumer("collect", (Integer n) -> out.add(n))
                .build()
                .run();

        assertThat(out).hasSize(9).doesNotContain(4);
        ItemFailure failure = result.failures().get(0);
        assertThat(failure.item()).isEqualTo(4);
        assertThat(failure.attempts()).isEqualTo(3);
        assertThat(failure.exception()).isInstanceOf(IllegalArgumentException.class).hasMessage("no fours");
        assertThat(result.stats().stage("picky").retried()).isEqualTo(2);
        Conservation.assertHolds(result);
    }

    @Test
    void aSlowStageInAWorkerReportsEveryItemsLatencyAndItsBusyTime() {
        AtomicLong measured = new AtomicLong();
        RunResult result = SlowItems.pipeline(Minigun.pipeline("slow-worker"), false,
                s -> s.concurrency(ContextType.PROCESS).poolSize(1), measured).run();

        Conservation.assertHolds(result);
        SlowItems.assertStatsAreRight(result.stats().stage("slow"), measured.get());
    }

    @Test
    void timedItemsThatFailOrAreRetriedInAWorkerLeaveTheTimingOfTheNextItemsIntact() {
        AtomicLong measured = new AtomicLong();
        RunResult result = SlowItems.pipeline(Minigun.pipeline("slow-failing-worker"), true,
                s -> s.concurrency(ContextType.PROCESS).poolSize(1).retries(1).backoff(java.time.Duration.ofMillis(1)),
                measured).run();

        Conservation.assertHolds(result);
        assertThat(result.stats().stage("slow").failed()).isOne();
        assertThat(result.stats().stage("slow").retried()).isEqualTo(2);
        SlowItems.assertStatsAreRight(result.stats().stage("slow"), measured.get());
    }

    @Test
    void aWorkerStartedWithSamplingOffTimesNothing() {
        RunResult result = Minigun.pipeline("unsampled-worker")
                .process(ProcessOptions.defaults().withJvmArgs(List.of("-Dminigun.stats.sampling=false")))
                .producer("numbers", o -> IntStream.range(0, SlowItems.COUNT).forEach(o::emit))
                .processor("slow", (Integer n) -> SlowItems.work(n),
                        s -> s.concurrency(ContextType.PROCESS).poolSize(1))
                .consumer("sink", (Long nanos) -> { })
                .build()
                .run();

        Conservation.assertHolds(result);
        StageStats slow = result.stats().stage("slow");
        assertThat(slow.succeeded()).as("counts stay exact").isEqualTo(SlowItems.COUNT);
        assertThat(List.of(slow.p50(), slow.p99(), slow.busy())).as("latencies and busy time of %s", slow.line())
                .containsOnly(java.time.Duration.ZERO);
    }
}
