package io.minigun;

import io.minigun.support.BusyWork;
import io.minigun.support.Conservation;
import io.minigun.support.MinigunThreads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A single-worker stage behind a pool of several workers runs on the pool's threads, with no thread of its own
 * (placement {@code drain}), and keeps every single-worker guarantee: one item at a time, nothing lost, the effects
 * of one item visible to the next, hooks and end of stream on time, cancellation without a hang.
 */
@Timeout(60)
@ExtendWith(MinigunThreads.class)
class DrainTest {

    private static PipelineBuilder poolThenSum(String name, List<Long> sums, Set<String> threads,
                                               AtomicInteger overlap) {
        long[] sum = {0};
        int[] inside = {0};
        return Minigun.pipeline(name)
                .producer("numbers", (Output<Integer> out) -> IntStream.range(0, 20_000).forEach(out::emit))
                .processor("work", (Integer n) -> BusyWork.spin(n, 1), s -> s.threads(3))
                .consumer("sum", (Integer n) -> {
                    // plain fields: only the single-worker guarantee makes these right
                    if (++inside[0] != 1) {
                        overlap.incrementAndGet();
                    }
                    sum[0] += n;
                    threads.add(Thread.currentThread().getName());
                    inside[0]--;
                })
                .afterRun(() -> sums.add(sum[0]));
    }

    @Test
    void theStageIsPlannedOntoThePoolsThreadsWithItsOwnQueue() {
        Pipeline pipeline = poolThenSum("plan", new ArrayList<>(), ConcurrentHashMap.newKeySet(),
                new AtomicInteger()).build();

        assertThat(pipeline.plan().describe()).contains("sum").contains("drain");
        assertThat(pipeline.plan().workers("sum")).isEqualTo(1);
        assertThat(pipeline.plan().contextType("sum")).isEqualTo(ContextType.THREAD);
        assertThat(pipeline.plan().queueCapacity("sum")).isEqualTo(pipeline.plan().queueCapacity("work"));
        assertThat(pipeline.plan().isColocated("sum")).isFalse();
    }

    @Test
    void itRunsOneItemAtATimeOnThePoolsThreadsAndLosesNothing() {
        List<Long> sums = new ArrayList<>();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        AtomicInteger overlap = new AtomicInteger();

        RunResult result = poolThenSum("drain", sums, threads, overlap).build().run();

        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(overlap).hasValue(0);
        assertThat(sums).containsExactly(20_000L * 19_999 / 2);
        assertThat(threads).isNotEmpty().allSatisfy(name -> assertThat(name).matches(".*-work-[123]"));
        assertThat(result.stats().stage("sum").consumed()).isEqualTo(20_000);
        Conservation.assertHolds(result);
    }

    /** What one worker of the pool sent: its name and how many it had sent before. */
    private record Sent(String worker, long sequence) {
    }

    @Test
    void itemsFromOneWorkerReachTheStageInTheOrderThatWorkerSentThem() {
        ThreadLocal<long[]> sentBy = ThreadLocal.withInitial(() -> new long[1]);
        Map<String, Long> lastFrom = new HashMap<>();
        AtomicInteger outOfOrder = new AtomicInteger();
        Pipeline pipeline = Minigun.pipeline("order")
                .producer("numbers", (Output<Integer> out) -> IntStream.range(0, 20_000).forEach(out::emit))
                .processor("work", (Integer n) -> {
                    BusyWork.spin(n, 1);
                    return new Sent(Thread.currentThread().getName(), sentBy.get()[0]++);
                }, s -> s.threads(3))
                .consumer("check", (Sent sent) -> {
                    // a plain map: only the single-worker guarantee makes it right
                    Long last = lastFrom.put(sent.worker(), sent.sequence());
                    if (last != null && last >= sent.sequence()) {
                        outOfOrder.incrementAndGet();
                    }
                })
                .build();
        assertThat(pipeline.plan().describe()).contains("check").contains("drain");

        RunResult result = pipeline.run();

        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(outOfOrder).hasValue(0);
        assertThat(lastFrom).as("workers whose items were checked").hasSizeGreaterThan(1);
        assertThat(result.stats().stage("check").consumed()).isEqualTo(20_000);
        Conservation.assertHolds(result);
    }

    @Test
    void withInliningOffTheStageKeepsAThreadOfItsOwn() {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        Pipeline pipeline = poolThenSum("own-thread", new ArrayList<>(), threads, new AtomicInteger())
                .concurrency(c -> c.inline(false))
                .build();

        assertThat(pipeline.plan().describe()).doesNotContain("drain");
        pipeline.run();
        assertThat(threads).singleElement().satisfies(name -> assertThat(name).endsWith("-sum"));
    }

    @Test
    void stagesFusedBehindItHooksAndRoutingByNameStillWork() {
        List<String> events = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Integer> saved = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Integer> odd = java.util.Collections.synchronizedList(new ArrayList<>());
        RunResult result = Minigun.pipeline("fused-behind-drain")
                .producer("numbers", (Output<Integer> out) -> IntStream.rangeClosed(1, 1000).forEach(out::emit))
                .processor("work", (Integer n) -> n, s -> s.threads(2))
                .processor("route", (Integer n, Output<Integer> out) -> {
                    if (n % 2 == 1) {
                        out.to("odd").emit(n);
                    } else {
                        out.emit(n * 10);
                    }
                })
                .consumer("save", (Integer n) -> saved.add(n))
                .consumer("odd", (Integer n) -> odd.add(n), s -> s.await(true))
                .after("route", () -> events.add("after:route"))
                .after("save", () -> events.add("after:save"))
                .build()
                .run();

        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(saved).hasSize(500).allMatch(n -> n % 20 == 0);
        assertThat(odd).hasSize(500).allMatch(n -> n % 2 == 1);
        assertThat(events).containsExactly("after:route", "after:save");
        Conservation.assertHolds(result);
    }

    @Test
    void cancellingAtRandomPointsNeverHangsAndAccountsForEveryItem() throws Exception {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            for (int seed = 1; seed <= 20; seed++) {
                Random random = new Random(seed);
                Set<String> threads = ConcurrentHashMap.newKeySet();
                PipelineRun run = poolThenSum("cancel-" + seed, new ArrayList<>(), threads, new AtomicInteger())
                        .build().start();
                timer.schedule(run::cancel, random.nextInt(30_000), TimeUnit.MICROSECONDS);
                RunResult result = run.await(Duration.ofSeconds(30));
                assertThat(result.status()).isIn(RunStatus.CANCELLED, RunStatus.COMPLETED);
                Conservation.assertHolds(result);
                long produced = result.stats().stage("numbers").produced();
                long accounted = result.stats().stage("sum").succeeded();
                for (String stage : List.of("work", "sum")) {
                    accounted += result.stats().stage(stage).cancelled() + result.stats().stage(stage).failed();
                }
                assertThat(accounted).as("seed %d\n%s", seed, result.stats().summary()).isEqualTo(produced);
            }
        } finally {
            timer.shutdownNow();
        }
    }
}
