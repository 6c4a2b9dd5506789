package io.minigun;

import io.minigun.support.Conservation;
import io.minigun.support.MinigunThreads;
import io.minigun.stats.StageStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code concurrency.forceInline}: everything on the caller's thread, in the same order on every run (SPEC §4.2). */
@Timeout(30)
@ExtendWith(MinigunThreads.class)
class ForceInlineTest {

    private static Pipeline fanInPipeline(List<String> events, Set<String> threads) {
        return Minigun.pipeline("force-inline-fan-in")
                .concurrency(c -> c.forceInline(true))
                .producer("letters", out -> {
                    threads.add(Thread.currentThread().getName());
                    for (String s : List.of("a", "b", "c", "d", "e")) out.emit(s);
                })
                .producer("numbers", out -> {
                    threads.add(Thread.currentThread().getName());
                    for (int i = 0; i < 5; i++) out.emit(String.valueOf(i));
                })
                .processor("tag", (String s) -> {
                    threads.add(Thread.currentThread().getName());
                    return "<" + s + ">";
                }, s -> s.threads(4))
                .accumulator("batch", s -> s.maxSize(3))
                .consumer("save", (List<String> batch) -> {
                    threads.add(Thread.currentThread().getName());
                    events.add(String.join("", batch));
                })
                .build();
    }

    @Test
    void fanInOfTwoProducersGivesTheSameOrderOnEveryRunOnTheCallersThread() {
        List<List<String>> orders = new ArrayList<>();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        List<String> events = new CopyOnWriteArrayList<>();
        Pipeline p = fanInPipeline(events, threads);

        for (int run = 0; run < 5; run++) {
            events.clear();
            RunResult r = Conservation.assertHolds(p.run());
            assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(r.produced()).isEqualTo(10);
            assertThat(r.stats().stage("batch").consumed()).isEqualTo(10);
            orders.add(List.copyOf(events));
        }

        assertThat(orders.get(0)).hasSize(4);
        assertThat(String.join("", orders.get(0)).replaceAll("[<>]", "").chars().sorted()
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString())
                .isEqualTo("01234abcde");
        for (List<String> order : orders) {
            assertThat(order).as("same order on every run").isEqualTo(orders.get(0));
        }
        assertThat(threads).as("every stage ran on the caller's thread")
                .containsExactly(Thread.currentThread().getName());
    }

    @Test
    void forceInlineRunsThreadPoolStagesOnTheCallerAndStartsNoThread() {
        Set<Thread> before = MinigunThreads.live();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        List<Integer> received = new CopyOnWriteArrayList<>();
        Pipeline p = Minigun.pipeline("force-inline-pools")
                .concurrency(c -> c.forceInline(true).threads(8))
                .producer("gen", out -> { for (int i = 0; i < 20; i++) out.emit(i); })
                .processor("pool", (Integer n) -> {
                    threads.add(Thread.currentThread().getName());
                    return n + 1;
                }, s -> s.threads(6))
                .processor("indep", (Integer n) -> n * 10, s -> s.affinity(Affinity.INDEPENDENT))
                .consumer("collect", (Integer n) -> {
                    threads.add(Thread.currentThread().getName());
                    received.add(n);
                })
                .build();

        assertThat(p.plan().contextTypes()).isNotEmpty();
        PipelineRun run = p.start();
        assertThat(run.isDone()).as("a forceInline start() has finished when it returns").isTrue();
        RunResult r = Conservation.assertHolds(run.await());

        assertThat(received).containsExactlyElementsOf(
                java.util.stream.IntStream.rangeClosed(1, 20).map(n -> n * 10).boxed().toList());
        assertThat(threads).containsExactly(Thread.currentThread().getName());
        assertThat(MinigunThreads.live()).as("no minigun thread started").isSubsetOf(before);
        assertThat(r.stats().stage("pool").consumed()).isEqualTo(20);
    }

    @Test
    void forceInlineSupportsDynamicRoutingAndAwaitStagesDeterministically() {
        List<List<String>> orders = new ArrayList<>();
        for (int run = 0; run < 5; run++) {
            List<String> events = new CopyOnWriteArrayList<>();
            Pipeline p = Minigun.pipeline("force-inline-dynamic")
                    .concurrency(c -> c.forceInline(true))
                    .producer("gen", out -> { for (int i = 0; i < 6; i++) out.emit(i); })
                    .processor("split", (Integer n, Output<Integer> out) -> {
                        if (n % 3 == 0) {
                            out.<Integer>to("special").emit(n);
                        } else {
                            out.emit(n);
                        }
                    })
                    .consumer("normal", (Integer n) -> events.add("normal:" + n))
                    .consumer("special", (Integer n) -> events.add("special:" + n), s -> s.await(true))
                    .build();
            RunResult r = Conservation.assertHolds(p.run());
            assertThat(r.stats().stage("special").consumed()).isEqualTo(2);
            assertThat(r.stats().stage("normal").consumed()).isEqualTo(4);
            orders.add(events);
        }
        assertThat(orders.get(0)).containsExactlyInAnyOrder(
                "normal:1", "normal:2", "normal:4", "normal:5", "special:0", "special:3");
        for (List<String> order : orders) {
            assertThat(order).isEqualTo(orders.get(0));
        }
    }

    @Test
    void forceInlineKeepsErrorsRetriesAndFailFastSemantics() {
        List<Integer> received = new CopyOnWriteArrayList<>();
        Pipeline p = Minigun.pipeline("force-inline-errors")
                .concurrency(c -> c.forceInline(true).retries(1).backoff(java.time.Duration.ofMillis(1)))
                .producer("gen", out -> { for (int i = 0; i < 5; i++) out.emit(i); })
                .processor("check", (Integer n) -> {
                    if (n == 2) {
                        throw new IllegalStateException("two");
                    }
                    return n;
                })
                .consumer("collect", (Integer n) -> received.add(n))
                .build();

        RunResult r = Conservation.assertHolds(p.run());

        assertThat(received).containsExactly(0, 1, 3, 4);
        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED_WITH_FAILURES);
        StageStats check = r.stats().stage("check");
        assertThat(check.retried()).isEqualTo(1);
        assertThat(r.failures()).singleElement().satisfies(f -> assertThat(f.attempts()).isEqualTo(2));
    }

    @Test
    void forceInlineRunsLoopStagesAndNestedPipelines() {
        List<Integer> received = new CopyOnWriteArrayList<>();
        Pipeline p = Minigun.pipeline("force-inline-loop")
                .concurrency(c -> c.forceInline(true))
                .producer("gen", out -> { for (int i : new int[] {3, 1, 3, 2, 1, 4}) out.emit(i); })
                .stage("dedup", (Input<Integer> in, Output<Integer> out) -> {
                    Set<Integer> seen = new java.util.HashSet<>();
                    for (Integer n : in) {
                        if (seen.add(n)) out.emit(n);
                    }
                })
                .pipeline("inner", inner -> inner.processor("square", (Integer n) -> n * n))
                .consumer("collect", (Integer n) -> received.add(n))
                .build();

        Conservation.assertHolds(p.run());

        assertThat(received).containsExactly(9, 1, 4, 16);
    }
}
