package io.minigun;

import io.minigun.execution.ExecutionPlan;
import io.minigun.execution.PipelineExecutor;
import io.minigun.support.Conservation;
import io.minigun.support.MinigunThreads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * Long runs and many runs (SPEC §3.4, §4.3): memory stays flat however many items pass, and runs leave no thread,
 * heap, file descriptor or run state behind.
 *
 * <p>The flat-memory tests run 100,000,000 longs through producer → processor → processor → consumer in a child JVM
 * ({@link FlatMemoryMain}) limited to {@code -Xmx64m}: boxed, that many items weigh about 1.6 GB, so any per-item
 * retention ends in an {@code OutOfMemoryError}; a thread left running would keep the child from exiting. Measured
 * on the shared 2-core machine (other builds running): 3.3–5.6 s fused and 10–31 s with one thread per stage, so the
 * full 100 million fit the budget in both modes.
 *
 * <p>The soak tests run a small pipeline 1,000 times in a row and 50 times at once in this JVM, check every result
 * exactly, and then wait (bounded) until the {@code minigun-*} threads, the JVM's thread count, the open file
 * descriptors and the heap after GC are back to their baseline, and no run's parameters are reachable any more.
 */
class SoakTest {
    private static final long FLAT_MEMORY_ITEMS = 100_000_000L;
    private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(150);

    private static final int ITEMS_PER_RUN = 100;
    private static final int BATCH = 10;
    private static final String OFFSET = "offset";
    private static final String SUM = "sum";
    private static final String GATE = "gate";
    private static final CountDownLatch OPEN = new CountDownLatch(0);
    private static final long HEAP_TOLERANCE = 16L << 20;
    private static final Path FDS = Path.of("/proc/self/fd");

    // ---- flat memory: 100 million items in a 64 MiB heap ---------------------------------------------------------

    @Test
    @Timeout(180)
    void hundredMillionItemsFusedRunInA64MiBHeap() throws Exception {
        assertFlatMemoryChild(FlatMemoryMain.FUSED);
    }

    @Test
    @Timeout(180)
    void hundredMillionItemsOnOneThreadPerStageRunInA64MiBHeap() throws Exception {
        assertFlatMemoryChild(FlatMemoryMain.THREADS);
    }

    private static void assertFlatMemoryChild(String mode) throws IOException, InterruptedException {
        long n = FLAT_MEMORY_ITEMS;
        Map<String, String> result = runChild(mode, n);

        assertThat(result).as("child result").containsEntry("status", RunStatus.COMPLETED.name());
        assertThat(Long.parseLong(result.get("sum"))).as("Σ (2i + 1) for i < n is n²").isEqualTo(n * n);
        assertThat(result).containsEntry("generate.produced", Long.toString(n));
        for (String stage : List.of("twice", "plusOne", "sum")) {
            assertThat(result).as("counters of %s", stage)
                    .containsEntry(stage + ".consumed", Long.toString(n))
                    .containsEntry(stage + ".succeeded", Long.toString(n))
                    .containsEntry(stage + ".produced", Long.toString(stage.equals("sum") ? 0 : n));
        }
        for (String stage : List.of("generate", "twice", "plusOne", "sum")) {
            for (String counter : List.of("failed", "cancelled", "discarded")) {
                assertThat(result).containsEntry(stage + "." + counter, "0");
            }
        }
        System.out.printf("flat memory (%s): %,d items in %s ms, at most %s MiB of heap in use after a GC%n",
                mode, n, result.get("millis"), result.get("maxHeapAfterGcMiB"));
    }

    /** Runs {@link FlatMemoryMain} in a JVM with a 64 MiB heap and returns the key=value pairs of its RESULT line. */
    private static Map<String, String> runChild(String mode, long items) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command()
                .orElse(System.getProperty("java.home") + "/bin/java");
        File log = File.createTempFile("minigun-flat-memory-", ".log");
        Process child = null;
        try {
            child = new ProcessBuilder(java, "-Xmx64m", "-XX:+ExitOnOutOfMemoryError",
                    "-cp", System.getProperty("java.class.path"),
                    FlatMemoryMain.class.getName(), Long.toString(items), mode)
                    .redirectErrorStream(true)
                    .redirectOutput(log)
                    .start();
            if (!child.waitFor(CHILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                fail("the %s child did not finish %,d items within %s; output:%n%s",
                        mode, items, CHILD_TIMEOUT, read(log));
            }
            String output = read(log);
            assertThat(output).as("output of the %s child", mode).doesNotContain("OutOfMemoryError");
            assertThat(child.exitValue()).as("exit status of the %s child; output:%n%s", mode, output).isZero();
            String line = output.lines().filter(l -> l.startsWith("RESULT ")).findFirst()
                    .orElseThrow(() -> new AssertionError("no RESULT line in the output of the " + mode
                            + " child:\n" + output));
            Map<String, String> values = new HashMap<>();
            Arrays.stream(line.substring("RESULT ".length()).split(" "))
                    .map(pair -> pair.split("=", 2))
                    .forEach(pair -> values.put(pair[0], pair[1]));
            return values;
        } finally {
            if (child != null && child.isAlive()) {
                child.destroyForcibly(); // the test was interrupted (its timeout)
            }
            Files.deleteIfExists(log.toPath());
        }
    }

    private static String read(File file) throws IOException {
        return Files.readString(file.toPath(), StandardCharsets.UTF_8);
    }

    // ---- soak: many runs leave nothing behind ------------------------------------------------------------------

    @Test
    @Timeout(120)
    void aThousandRunsInARowLeaveNoThreadHeapOrFileDescriptorBehind() {
        soak("1000 runs in a row", pipeline -> runInARow(pipeline, 1000));
    }

    @Test
    @Timeout(120)
    void fiftyConcurrentRunsLeaveNoThreadHeapOrFileDescriptorBehind() {
        soak("50 runs at once", pipeline -> runAtOnce(pipeline, 50));
    }

    /**
     * Measures the baseline after a warm-up, lets {@code runs} run the small pipeline (checking every result), then
     * waits until everything is back to the baseline.
     */
    private static void soak(String what, Function<Pipeline, List<WeakReference<AtomicLong>>> runs) {
        PipelineExecutor executor = new PipelineExecutor();
        Pipeline pipeline = smallPipeline(executor);
        Snapshot baseline = warmUpAndMeasure(pipeline);

        ManagementFactory.getThreadMXBean().resetPeakThreadCount();
        long start = System.nanoTime();
        List<WeakReference<AtomicLong>> parameters = runs.apply(pipeline);
        long millis = (System.nanoTime() - start) / 1_000_000;
        int peakThreads = ManagementFactory.getThreadMXBean().getPeakThreadCount();

        Snapshot after = awaitBackTo(baseline, executor, parameters);
        System.out.printf("soak, %s: %d ms, peak %d JVM threads; baseline %s; after %s%n",
                what, millis, peakThreads, baseline, after);
    }

    /**
     * Runs the pipeline {@code count} times, one after the other, checking each result. Returns weak references to
     * each run's sum counter, a run parameter: once the runs are over nothing may keep them.
     */
    private static List<WeakReference<AtomicLong>> runInARow(Pipeline pipeline, int count) {
        List<WeakReference<AtomicLong>> parameters = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            AtomicLong sum = new AtomicLong();
            parameters.add(new WeakReference<>(sum));
            assertExact(pipeline.run(parameters(i, sum, OPEN)), i, sum);
        }
        return parameters;
    }

    /**
     * The same with {@code count} runs started at once: their producers wait until every run has started, so all of
     * them are in progress together. Then each is awaited (bounded).
     */
    private static List<WeakReference<AtomicLong>> runAtOnce(Pipeline pipeline, int count) {
        List<PipelineRun> runs = new ArrayList<>();
        List<AtomicLong> sums = new ArrayList<>();
        CountDownLatch gate = new CountDownLatch(1);
        try {
            for (int i = 0; i < count; i++) {
                AtomicLong sum = new AtomicLong();
                sums.add(sum);
                runs.add(pipeline.start(parameters(i, sum, gate)));
            }
        } finally {
            gate.countDown();
        }
        for (int i = 0; i < count; i++) {
            try {
                assertExact(runs.get(i).await(Duration.ofSeconds(60)), i, sums.get(i));
            } catch (TimeoutException e) {
                fail("run %d of %d did not end within 60 s: %s", i, count, runs.get(i).stats().summary());
            }
        }
        return sums.stream().map(WeakReference::new).toList();
    }

    /**
     * gen (producer) → double (THREAD pool of 3) → check (its own thread) → batch (accumulator of 10) → batchSum →
     * sink, the last three fused with check. Each run waits at its gate, then sums 2·(offset + k) for k &lt; 100 into
     * its own counter.
     */
    private static Pipeline smallPipeline(PipelineExecutor executor) {
        Pipeline pipeline = Minigun.pipeline("soak")
                .executor(executor)
                .producer("gen", out -> {
                    ((CountDownLatch) out.context().parameters().get(GATE)).await();
                    long offset = (Long) out.context().parameters().get(OFFSET);
                    for (int k = 0; k < ITEMS_PER_RUN; k++) {
                        out.emit(offset + k);
                    }
                })
                .processor("double", (Long x) -> 2 * x, s -> s.concurrency(ContextType.THREAD).threads(3))
                .processor("check", (Long x) -> x, s -> s.affinity(Affinity.INDEPENDENT))
                .accumulator("batch", s -> s.maxSize(BATCH))
                .processor("batchSum", (List<Long> batch) -> batch.stream().mapToLong(Long::longValue).sum())
                .consumer("sink", (Long x, Output<Object> out) ->
                        ((AtomicLong) out.context().parameters().get(SUM)).addAndGet(x))
                .build();
        ExecutionPlan plan = pipeline.plan();
        assertThat(plan.workers("double")).isEqualTo(3);
        assertThat(plan.isColocated("check")).as("check runs on its own thread").isFalse();
        assertThat(List.of("batch", "batchSum", "sink")).allSatisfy(stage ->
                assertThat(plan.isColocated(stage)).as("%s is fused", stage).isTrue());
        return pipeline;
    }

    private static Map<String, Object> parameters(int run, AtomicLong sum, CountDownLatch gate) {
        return Map.of(OFFSET, run * 1_000L, SUM, sum, GATE, gate);
    }

    private static void assertExact(RunResult r, int run, AtomicLong sum) {
        Conservation.assertHolds(r);
        assertThat(r.status()).as("status of run %d", run).isEqualTo(RunStatus.COMPLETED);
        assertThat(r.failed()).as("failures of run %d", run).isZero();
        long offset = run * 1_000L;
        long expected = 2 * (ITEMS_PER_RUN * offset + (long) ITEMS_PER_RUN * (ITEMS_PER_RUN - 1) / 2);
        assertThat(sum).as("sum of run %d", run).hasValue(expected);
        var stats = r.stats();
        assertThat(stats.stage("gen").produced()).isEqualTo(ITEMS_PER_RUN);
        for (String stage : List.of("double", "check", "batch")) {
            assertThat(stats.stage(stage).succeeded()).as("%s of run %d", stage, run).isEqualTo(ITEMS_PER_RUN);
        }
        assertThat(stats.stage("batch").produced()).as("batches of run %d", run).isEqualTo(ITEMS_PER_RUN / BATCH);
        for (String stage : List.of("batchSum", "sink")) {
            assertThat(stats.stage(stage).succeeded()).as("%s of run %d", stage, run)
                    .isEqualTo(ITEMS_PER_RUN / BATCH);
        }
        Conservation.assertDelivered(r, "batch", "batchSum");
        Conservation.assertDelivered(r, "batchSum", "sink");
    }

    // ---- baselines -----------------------------------------------------------------------------------------------

    /** What a run could leave behind. */
    private record Snapshot(Set<Thread> minigunThreads, int activeThreads, int jvmThreads, long heapAfterGc,
                            List<String> openFds) {
        static Snapshot now(Set<Thread> minigunThreads) {
            System.gc();
            return new Snapshot(minigunThreads, Thread.activeCount(),
                    ManagementFactory.getThreadMXBean().getThreadCount(),
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), listOpenFds());
        }

        @Override
        public String toString() {
            return String.format("minigun threads=%d, active threads=%d, JVM threads=%d, heap after GC=%.1f MiB, "
                    + "open fds=%d", minigunThreads.size(), activeThreads, jvmThreads, heapAfterGc / 1048576.0,
                    openFds.size());
        }
    }

    /**
     * What the open file descriptors of this JVM point to, except jars: the class loader opens a class path jar
     * the first time it needs a class from it and keeps it open, which is no leak of a run.
     */
    private static List<String> listOpenFds() {
        assertThat(FDS).as("/proc/self/fd (this test needs Linux)").isDirectory();
        String[] entries = FDS.toFile().list();
        assertThat(entries).as("entries of %s", FDS).isNotNull();
        List<String> targets = new ArrayList<>();
        for (String fd : entries) {
            try {
                targets.add(Files.readSymbolicLink(FDS.resolve(fd)).toString());
            } catch (IOException closedMeanwhile) {
                // closed between the listing and the read (e.g. the listing's own descriptor): not open any more
            }
        }
        targets.removeIf(target -> target.endsWith(".jar"));
        return targets;
    }

    /** A few runs first, so class loading, JIT and lazily created JVM threads are part of the baseline. */
    private static Snapshot warmUpAndMeasure(Pipeline pipeline) {
        Set<Thread> before = MinigunThreads.live();
        for (int i = 0; i < 20; i++) {
            AtomicLong sum = new AtomicLong();
            assertExact(pipeline.run(parameters(i, sum, OPEN)), i, sum);
        }
        MinigunThreads.awaitBackTo(before);
        return Snapshot.now(before);
    }

    private static List<String> allThreadNames() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName).sorted().toList();
    }

    /**
     * Waits (bounded) until nothing the runs started is left: no run registered as active, no extra thread, no
     * extra file descriptor, no run parameter still reachable, and the heap after GC within
     * {@value #HEAP_TOLERANCE} bytes of the baseline. Returns what it measured last.
     */
    private static Snapshot awaitBackTo(Snapshot baseline, PipelineExecutor executor,
                                        List<WeakReference<AtomicLong>> parameters) {
        assertThat(executor.activeRuns()).as("runs still registered as active").isEmpty();
        MinigunThreads.awaitBackTo(baseline.minigunThreads());
        Snapshot[] last = new Snapshot[1];
        await("threads, heap and file descriptors back to their baseline")
                .atMost(Duration.ofSeconds(30))
                .pollInSameThread() // an Awaitility poller thread would count as a leaked thread
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    Snapshot now = Snapshot.now(MinigunThreads.live());
                    last[0] = now;
                    assertThat(now.activeThreads()).as(() -> "Thread.activeCount(); baseline " + baseline
                                    + "; threads now " + allThreadNames())
                            .isLessThanOrEqualTo(baseline.activeThreads());
                    assertThat(now.jvmThreads()).as(() -> "ThreadMXBean thread count; baseline " + baseline
                                    + "; threads now " + allThreadNames())
                            .isLessThanOrEqualTo(baseline.jvmThreads());
                    assertThat(now.openFds().size()).as("open file descriptors: %s; baseline %s: %s",
                                    now.openFds(), baseline, baseline.openFds())
                            .isLessThanOrEqualTo(baseline.openFds().size());
                    assertThat(parameters.stream().filter(p -> p.get() != null).count())
                            .as("run parameters still reachable after the runs ended (of %d)", parameters.size())
                            .isZero();
                    assertThat(now.heapAfterGc()).as("heap used after GC (baseline %s)", baseline)
                            .isLessThanOrEqualTo(baseline.heapAfterGc() + HEAP_TOLERANCE);
                });
        return last[0];
    }
}
