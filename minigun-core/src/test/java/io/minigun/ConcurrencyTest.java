package io.minigun;

import io.minigun.support.Conservation;
import io.minigun.support.MinigunThreads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.awaitility.Awaitility.await;

/** Context types and worker pools (SPEC §4.1, §4.3): real parallelism, caps, reusable and concurrent runs. */
@Timeout(30)
@ExtendWith(MinigunThreads.class)
class ConcurrencyTest {

    /** Tracks how many items are in a stage body at once. */
    static final class InFlight {
        final AtomicInteger now = new AtomicInteger();
        final AtomicInteger peak = new AtomicInteger();

        void enter() {
            peak.accumulateAndGet(now.incrementAndGet(), Math::max);
        }

        void leave() {
            now.decrementAndGet();
        }
    }

    private static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().collect(Collectors.toList());
    }

    @Test
    void twentyBlockingItemsOnTenThreadsRunTenAtATime() {
        List<Integer> received = new CopyOnWriteArrayList<>();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        CountDownLatch tenRunning = new CountDownLatch(10);
        Pipeline p = Minigun.pipeline("io-bound")
                .producer("gen", out -> { for (int i = 0; i < 20; i++) out.emit(i); })
                .processor("slow", (Integer n) -> {
                    threads.add(Thread.currentThread().getName());
                    tenRunning.countDown();
                    // a blocking call that returns only once ten items are in one at the same time
                    if (!tenRunning.await(10, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("fewer than ten items ran at once");
                    }
                    return n;
                }, s -> s.threads(10))
                .consumer("collect", (Integer n) -> received.add(n))
                .build();

        RunResult r = Conservation.assertHolds(p.run());

        assertThat(r.failures()).isEmpty();
        assertThat(received).containsExactlyInAnyOrderElementsOf(range(20));
        assertThat(threads).as("distinct worker threads").hasSize(10);
        assertThat(r.stats().stage("slow").workers()).isEqualTo(10);
        assertThat(p.plan().workers("slow")).isEqualTo(10);
    }

    @Test
    void aStageWithFourThreadsRunsFourItemsAtOnceAndNeverMore() {
        CountDownLatch allFourInside = new CountDownLatch(4);
        AtomicBoolean gaveUp = new AtomicBoolean();
        InFlight inFlight = new InFlight();
        List<Integer> received = new CopyOnWriteArrayList<>();
        Pipeline p = Minigun.pipeline("four-at-once")
                .producer("gen", out -> { for (int i = 0; i < 12; i++) out.emit(i); })
                .processor("meet", (Integer n) -> {
                    inFlight.enter();
                    try {
                        allFourInside.countDown();
                        // once one item gave up waiting, the others do not wait again (keeps a failure quick)
                        if (!allFourInside.await(gaveUp.get() ? 0 : 5, TimeUnit.SECONDS)) {
                            gaveUp.set(true);
                            throw new IllegalStateException("4 items never ran at the same time");
                        }
                        return n;
                    } finally {
                        inFlight.leave();
                    }
                }, s -> s.threads(4))
                .consumer("collect", (Integer n) -> received.add(n))
                .build();

        RunResult r = Conservation.assertHolds(p.run());

        assertThat(r.failures()).isEmpty();
        assertThat(received).containsExactlyInAnyOrderElementsOf(range(12));
        assertThat(inFlight.peak.get()).as("peak concurrency of a threads(4) stage").isEqualTo(4);
    }

    @Test
    void aSingleWorkerStageNeverRunsTwoItemsAtOnce() {
        InFlight inFlight = new InFlight();
        Pipeline p = Minigun.pipeline("single-worker")
                .producer("a", out -> { for (int i = 0; i < 500; i++) out.emit(i); })
                .producer("b", out -> { for (int i = 0; i < 500; i++) out.emit(i); })
                .processor("fanout", (Integer n) -> n, s -> s.threads(4))
                .consumer("count", (Integer n) -> {
                    inFlight.enter();
                    inFlight.leave();
                })
                .build();

        RunResult r = Conservation.assertHolds(p.run());

        assertThat(r.stats().stage("count").consumed()).isEqualTo(1000);
        assertThat(inFlight.peak.get()).isEqualTo(1);
    }

    @Test
    void anInlineStageAfterAThreadPoolRunsInTheEmittingThreadsOneItemAtATime() {
        InFlight inFlight = new InFlight();
        Set<String> inlineThreads = ConcurrentHashMap.newKeySet();
        Set<String> poolThreads = ConcurrentHashMap.newKeySet();
        AtomicInteger count = new AtomicInteger();
        Pipeline p = Minigun.pipeline("inline-after-pool")
                .producer("gen", out -> { for (int i = 0; i < 200; i++) out.emit(i); })
                .processor("pool", (Integer n) -> {
                    poolThreads.add(Thread.currentThread().getName());
                    return n;
                }, s -> s.threads(4))
                .consumer("inline", (Integer n) -> {
                    inFlight.enter();
                    inlineThreads.add(Thread.currentThread().getName());
                    count.incrementAndGet();
                    inFlight.leave();
                }, s -> s.concurrency(ContextType.INLINE))
                .build();

        RunResult r = Conservation.assertHolds(p.run());

        assertThat(count).hasValue(200);
        assertThat(r.stats().stage("inline").consumed()).isEqualTo(200);
        assertThat(poolThreads).containsAll(inlineThreads);
        assertThat(inFlight.peak.get()).as("an INLINE stage still sees one item at a time").isEqualTo(1);
    }

    @Test
    void stagesSharingANamedContextShareItsCap() {
        InFlight inFlight = new InFlight();
        CountDownLatch release = new CountDownLatch(1);
        List<String> received = new CopyOnWriteArrayList<>();
        Pipeline p = Minigun.pipeline("named-context")
                .context("io", ContextType.THREAD, 2)
                .producer("gen", out -> { for (int i = 0; i < 6; i++) out.emit(i); }, s -> s.to("a", "b"))
                .processor("a", (Integer n) -> {
                    inFlight.enter();
                    try {
                        release.await();
                        return "a" + n;
                    } finally {
                        inFlight.leave();
                    }
                }, s -> s.context("io").to("collect"))
                .processor("b", (Integer n) -> {
                    inFlight.enter();
                    try {
                        release.await();
                        return "b" + n;
                    } finally {
                        inFlight.leave();
                    }
                }, s -> s.context("io").to("collect"))
                .consumer("collect", (String s) -> received.add(s))
                .build();

        PipelineRun run = p.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> inFlight.now.get() == 2);
        // 12 items are waiting; a shared cap of 2 must hold while they wait
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> inFlight.now.get() <= 2);
        release.countDown();
        RunResult r = Conservation.assertHolds(run.await());

        assertThat(received).hasSize(12);
        assertThat(inFlight.peak.get()).isEqualTo(2);
    }

    @Test
    void virtualThreadStageRunsItemsOnVirtualThreadsUpToItsCap() throws Exception {
        assumeTrue(Runtime.version().feature() >= 21, "virtual threads need JDK 21+");
        Method isVirtual = Thread.class.getMethod("isVirtual");
        CountDownLatch eightInside = new CountDownLatch(8);
        AtomicBoolean gaveUp = new AtomicBoolean();
        InFlight inFlight = new InFlight();
        List<Boolean> virtual = new CopyOnWriteArrayList<>();
        List<Integer> received = new CopyOnWriteArrayList<>();
        Pipeline p = Minigun.pipeline("virtual")
                .producer("gen", out -> { for (int i = 0; i < 40; i++) out.emit(i); })
                .processor("vt", (Integer n) -> {
                    inFlight.enter();
                    try {
                        virtual.add((Boolean) isVirtual.invoke(Thread.currentThread()));
                        eightInside.countDown();
                        if (!eightInside.await(gaveUp.get() ? 0 : 5, TimeUnit.SECONDS)) {
                            gaveUp.set(true);
                            throw new IllegalStateException("8 items never ran at the same time");
                        }
                        return n;
                    } finally {
                        inFlight.leave();
                    }
                }, s -> s.concurrency(ContextType.VIRTUAL).poolSize(8))
                .consumer("collect", (Integer n) -> received.add(n))
                .build();

        assertThat(p.plan().contextType("vt")).isEqualTo(ContextType.VIRTUAL);
        RunResult r = Conservation.assertHolds(p.run());

        assertThat(r.failures()).isEmpty();
        assertThat(received).containsExactlyInAnyOrderElementsOf(range(40));
        assertThat(virtual).hasSize(40).containsOnly(true);
        assertThat(inFlight.peak.get()).as("virtual-thread cap").isEqualTo(8);
    }

    @Test
    void theSamePipelineRunsTwiceInARowWithIndependentResults() {
        Map<String, List<Integer>> byRun = new ConcurrentHashMap<>();
        Pipeline p = reusablePipeline("twice", byRun);

        RunResult first = Conservation.assertHolds(p.run(Map.of("offset", 0)));
        RunResult second = Conservation.assertHolds(p.run(Map.of("offset", 1000)));

        assertThat(first.id()).isNotEqualTo(second.id());
        assertThat(byRun.get(first.id())).containsExactlyInAnyOrderElementsOf(expected(0));
        assertThat(byRun.get(second.id())).containsExactlyInAnyOrderElementsOf(expected(1000));
        for (RunResult r : List.of(first, second)) {
            assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(r.produced()).isEqualTo(50);
            assertThat(r.stats().stage("square").consumed()).as("stats are per run").isEqualTo(50);
        }
    }

    @Test
    void theSamePipelineRunsFourTimesConcurrently() throws Exception {
        Map<String, List<Integer>> byRun = new ConcurrentHashMap<>();
        Pipeline p = reusablePipeline("concurrent", byRun);
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            List<Future<RunResult>> futures = new ArrayList<>();
            for (int k = 0; k < 4; k++) {
                int offset = k * 1000;
                futures.add(callers.submit(() -> p.run(Map.of("offset", offset))));
            }
            List<PipelineRun> handles = new ArrayList<>();
            for (int k = 4; k < 6; k++) {
                handles.add(p.start(Map.of("offset", k * 1000)));
            }
            for (int k = 0; k < 4; k++) {
                RunResult r = Conservation.assertHolds(futures.get(k).get(20, TimeUnit.SECONDS));
                assertThat(byRun.get(r.id())).as("run %d", k).containsExactlyInAnyOrderElementsOf(expected(k * 1000));
                assertThat(r.stats().stage("square").consumed()).isEqualTo(50);
            }
            for (int k = 4; k < 6; k++) {
                RunResult r = Conservation.assertHolds(handles.get(k - 4).await());
                assertThat(byRun.get(r.id())).as("started run %d", k).containsExactlyInAnyOrderElementsOf(expected(k * 1000));
            }
            assertThat(byRun).hasSize(6);
        } finally {
            callers.shutdownNow();
        }
    }

    private static Pipeline reusablePipeline(String name, Map<String, List<Integer>> byRun) {
        return Minigun.pipeline(name)
                .producer("gen", out -> {
                    int offset = (Integer) out.context().parameters().get("offset");
                    for (int i = 0; i < 50; i++) out.emit(offset + i);
                })
                .processor("square", (Integer n) -> n * 2, s -> s.threads(3))
                .accumulator("batch", s -> s.maxSize(7))
                .consumer("save", (List<Integer> batch, Output<Object> out) ->
                        byRun.computeIfAbsent(out.context().runId(), id -> new CopyOnWriteArrayList<>()).addAll(batch))
                .build();
    }

    private static List<Integer> expected(int offset) {
        return IntStream.range(0, 50).map(i -> (offset + i) * 2).sorted().boxed().collect(Collectors.toList());
    }

    @Test
    void threadCountReturnsToItsBaselineAfterManyKindsOfRuns() {
        Set<Thread> baseline = MinigunThreads.live();
        CountDownLatch seen = new CountDownLatch(1);
        Pipeline pools = Minigun.pipeline("leak-pools")
                .context("shared", ContextType.THREAD, 3)
                .producer("gen", out -> { for (int i = 0; i < 100; i++) out.emit(i); })
                .processor("t", (Integer n) -> n, s -> s.threads(5))
                .processor("named", (Integer n) -> n, s -> s.context("shared"))
                .accumulator("batch", s -> s.maxSize(10).maxWait(Duration.ofMillis(50)))
                .consumer("save", (List<Integer> b) -> { })
                .build();
        Pipeline failing = Minigun.pipeline("leak-failing")
                .producer("gen", out -> { for (int i = 0; ; i++) out.emit(i); })
                .consumer("boom", (Integer n) -> { throw new PipelineAbortException("stop"); }, s -> s.threads(3))
                .build();
        Pipeline cancelled = Minigun.pipeline("leak-cancelled")
                .producer("gen", out -> { for (int i = 0; ; i++) out.emit(i); })
                .consumer("slow", (Integer n) -> seen.countDown(), s -> s.threads(2))
                .build();

        for (int i = 0; i < 3; i++) {
            Conservation.assertHolds(pools.run());
        }
        for (int i = 0; i < 2; i++) {
            try {
                failing.run();
            } catch (PipelineExecutionException expected) {
                Conservation.assertHolds(expected);
            }
        }
        PipelineRun run = cancelled.start();
        try {
            assertThat(seen.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        run.cancel();
        assertThat(run.await().status()).isEqualTo(RunStatus.CANCELLED);

        MinigunThreads.awaitBackTo(baseline);
    }

    @Test
    void aNamedVirtualContextCapsAllTheStagesThatShareIt() throws Exception {
        assumeTrue(Runtime.version().feature() >= 21, "virtual threads need JDK 21+");
        InFlight inFlight = new InFlight();
        CountDownLatch release = new CountDownLatch(1);
        Pipeline p = Minigun.pipeline("named-virtual")
                .context("vt", ContextType.VIRTUAL, 3)
                .producer("gen", out -> { for (int i = 0; i < 10; i++) out.emit(i); }, s -> s.to("a", "b"))
                .consumer("a", (Integer n) -> {
                    inFlight.enter();
                    try {
                        release.await();
                    } finally {
                        inFlight.leave();
                    }
                }, s -> s.context("vt"))
                .consumer("b", (Integer n) -> {
                    inFlight.enter();
                    try {
                        release.await();
                    } finally {
                        inFlight.leave();
                    }
                }, s -> s.context("vt"))
                .build();

        PipelineRun run = p.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> inFlight.now.get() == 3);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> inFlight.now.get() <= 3);
        release.countDown();
        RunResult r = Conservation.assertHolds(run.await());

        assertThat(r.stats().stage("a").consumed() + r.stats().stage("b").consumed()).isEqualTo(20);
        assertThat(inFlight.peak.get()).isEqualTo(3);
    }

    @Test
    void aMultiWorkerAccumulatorKeepsItsBatchesWithinMaxSize() {
        List<List<Integer>> batches = new CopyOnWriteArrayList<>();
        Pipeline p = Minigun.pipeline("pool-accumulator")
                .producer("gen", out -> { for (int i = 0; i < 2000; i++) out.emit(i); })
                .accumulator("batch", s -> s.maxSize(10).threads(3))
                .consumer("save", (List<Integer> b) -> batches.add(List.copyOf(b)))
                .build();

        RunResult r = Conservation.assertHolds(p.run());

        assertThat(batches).allSatisfy(b -> assertThat(b).hasSizeBetween(1, 10));
        assertThat(batches.stream().mapToInt(List::size).sum()).isEqualTo(2000);
        assertThat(batches.stream().flatMap(List::stream).distinct().count()).isEqualTo(2000);
        assertThat(r.stats().stage("batch").consumed()).isEqualTo(2000);
    }
}
