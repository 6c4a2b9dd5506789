package io.minigun;

import io.minigun.support.Conservation;
import io.minigun.support.MinigunThreads;
import io.minigun.stats.StageStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Runtime behaviour of static and dynamic routing (SPEC §3.2): chains, fan-out, fan-in, dynamic and nested. */
@Timeout(30)
@ExtendWith(MinigunThreads.class)
class RoutingTest {

    private static List<Integer> range(int from, int toExclusive) {
        return IntStream.range(from, toExclusive).boxed().collect(Collectors.toList());
    }

    @ParameterizedTest(name = "inline={0}")
    @ValueSource(booleans = {true, false})
    void itemsDoubledArriveInOrderThroughASingleWorkerChain(boolean inline) {
        List<Integer> received = new CopyOnWriteArrayList<>();
        Pipeline p = Minigun.pipeline("double-" + inline)
                .concurrency(c -> c.inline(inline))
                .producer("gen", out -> { for (int i = 0; i < 10; i++) out.emit(i); })
                .processor("double", (Integer n) -> n * 2)
                .consumer("collect", (Integer n) -> received.add(n))
                .build();

        assertThat(p.plan().isColocated("double")).as("plan colocates 'double' iff inline").isEqualTo(inline);
        RunResult r = Conservation.assertHolds(p.run());

        assertThat(received).containsExactly(0, 2, 4, 6, 8, 10, 12, 14, 16, 18);
        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(r.produced()).isEqualTo(10);
        assertThat(r.consumed()).isEqualTo(10);
        assertThat(r.failures()).isEmpty();
        assertThat(r.stats().stage("double").succeeded()).isEqualTo(10);
        Conservation.assertDelivered(r, "gen", "double");
        Conservation.assertDelivered(r, "double", "collect");
    }

    @Test
    void diamondMergesBothBranches() {
        List<Integer> merged = new CopyOnWriteArrayList<>();
        Pipeline p = Minigun.pipeline("diamond")
                .producer("source", out -> { for (int i = 1; i <= 10; i++) out.emit(i); }, s -> s.to("left", "right"))
                .processor("left", (Integer n) -> n + 100, s -> s.to("merge"))
                .processor("right", (Integer n) -> n + 200, s -> s.to("merge"))
                .consumer("merge", (Integer n) -> merged.add(n))
                .build();

        RunResult r = Conservation.assertHolds(p.run());

        List<Integer> expected = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            expected.add(i + 100);
            expected.add(i + 200);
        }
        assertThat(merged).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(r.stats().stage("left").consumed()).isEqualTo(10);
        assertThat(r.stats().stage("right").consumed()).isEqualTo(10);
        assertThat(r.stats().stage("merge").consumed()).isEqualTo(20);
        assertThat(r.consumed()).isEqualTo(20);
        // each branch keeps its own order through a single-worker merge
        assertThat(merged.stream().filter(n -> n < 200).collect(Collectors.toList()))
                .containsExactlyElementsOf(range(101, 111));
        assertThat(merged.stream().filter(n -> n > 200).collect(Collectors.toList()))
                .containsExactlyElementsOf(range(201, 211));
    }

    @Test
    void broadcastGivesEveryTargetEveryItem() {
        Map<String, List<Integer>> got = new ConcurrentHashMap<>();
        for (String t : List.of("a", "b", "c")) {
            got.put(t, new CopyOnWriteArrayList<>());
        }
        Pipeline p = Minigun.pipeline("broadcast")
                .producer("gen", out -> { for (int i = 0; i < 6; i++) out.emit(i); }, s -> s.to("a", "b", "c"))
                .consumer("a", (Integer n) -> got.get("a").add(n))
                .consumer("b", (Integer n) -> got.get("b").add(n))
                .consumer("c", (Integer n) -> got.get("c").add(n))
                .build();

        RunResult r = Conservation.assertHolds(p.run());

        for (String t : List.of("a", "b", "c")) {
            assertThat(got.get(t)).as("target %s", t).containsExactly(0, 1, 2, 3, 4, 5);
            assertThat(r.stats().stage(t).consumed()).as("consumed by %s", t).isEqualTo(6);
        }
        assertThat(r.produced()).isEqualTo(6);
        assertThat(r.consumed()).as("total consumed over the 3 terminal stages").isEqualTo(18);
        assertThat(r.stats().stages()).extracting(StageStats::name).containsExactly("gen", "a", "b", "c");
    }

    @Test
    void roundRobinDealsItemsInTurnInDeclarationOrder() {
        Map<String, List<Integer>> got = new ConcurrentHashMap<>();
        for (String t : List.of("a", "b", "c")) {
            got.put(t, new CopyOnWriteArrayList<>());
        }
        Pipeline p = Minigun.pipeline("round-robin")
                .producer("gen", out -> { for (int i = 0; i < 6; i++) out.emit(i); },
                        s -> s.routing(Routing.ROUND_ROBIN).to("a", "b", "c"))
                .consumer("a", (Integer n) -> got.get("a").add(n))
                .consumer("b", (Integer n) -> got.get("b").add(n))
                .consumer("c", (Integer n) -> got.get("c").add(n))
                .build();

        RunResult r = Conservation.assertHolds(p.run());

        assertThat(got.get("a")).containsExactly(0, 3);
        assertThat(got.get("b")).containsExactly(1, 4);
        assertThat(got.get("c")).containsExactly(2, 5);
        assertThat(r.consumed()).isEqualTo(6);
    }

    @Test
    void twoProducersFanIntoOneStage() {
        List<Integer> received = new CopyOnWriteArrayList<>();
        Pipeline p = Minigun.pipeline("fan-in")
                .producer("fast", out -> { for (int i = 0; i < 10; i++) out.emit(i); })
                .producer("slow", out -> { for (int i = 100; i < 105; i++) out.emit(i); })
                .consumer("collect", (Integer n) -> received.add(n))
                .build();

        RunResult r = Conservation.assertHolds(p.run());

        List<Integer> expected = range(0, 10);
        expected.addAll(range(100, 105));
        assertThat(received).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(r.stats().stage("fast").produced()).isEqualTo(10);
        assertThat(r.stats().stage("slow").produced()).isEqualTo(5);
        assertThat(r.produced()).isEqualTo(15);
        assertThat(r.consumed()).isEqualTo(15);
        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
    }

    @Test
    void dynamicTargetWaitsForTheSlowerSourceInsteadOfDroppingItsItems() {
        List<String> received = new CopyOnWriteArrayList<>();
        CountDownLatch fastFinished = new CountDownLatch(1);
        Pipeline p = Minigun.pipeline("dynamic-fast-slow")
                .producer("fast", out -> {
                    for (int i = 0; i < 5; i++) out.to("target").emit("fast-" + i);
                })
                .producer("slow", out -> {
                    // start only once the fast producer has finished and the target has taken all its items:
                    // the moment the Ruby version ends the target and loses the slow items
                    assertThat(fastFinished.await(10, TimeUnit.SECONDS)).isTrue();
                    await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 5);
                    for (int i = 0; i < 3; i++) out.to("target").emit("slow-" + i);
                })
                .consumer("target", (String s) -> received.add(s), s -> s.await(true))
                .after("fast", fastFinished::countDown)
                .build();

        RunResult r = Conservation.assertHolds(p.run());

        assertThat(received).containsExactlyInAnyOrder(
                "fast-0", "fast-1", "fast-2", "fast-3", "fast-4", "slow-0", "slow-1", "slow-2");
        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(r.stats().stage("fast").produced()).isEqualTo(5);
        assertThat(r.stats().stage("slow").produced()).isEqualTo(3);
        assertThat(r.stats().stage("target").consumed()).isEqualTo(8);
        assertThat(r.failures()).isEmpty();
    }

    @Test
    void dynamicRoutingFromAProcessorMixesWithStaticEmits() {
        List<Integer> evens = new CopyOnWriteArrayList<>();
        List<Integer> odds = new CopyOnWriteArrayList<>();
        Pipeline p = Minigun.pipeline("dynamic-split")
                .producer("gen", out -> { for (int i = 0; i < 20; i++) out.emit(i); })
                .processor("split", (Integer n, Output<Integer> out) -> {
                    if (n % 2 == 0) {
                        out.emit(n);
                    } else {
                        out.<Integer>to("odd").emit(n);
                    }
                }, s -> s.threads(3))
                .consumer("even", (Integer n) -> evens.add(n))
                .consumer("odd", (Integer n) -> odds.add(n), s -> s.await(true))
                .build();

        RunResult r = Conservation.assertHolds(p.run());

        assertThat(evens).containsExactlyInAnyOrderElementsOf(
                range(0, 20).stream().filter(n -> n % 2 == 0).collect(Collectors.toList()));
        assertThat(odds).containsExactlyInAnyOrderElementsOf(
                range(0, 20).stream().filter(n -> n % 2 == 1).collect(Collectors.toList()));
        assertThat(r.stats().stage("split").produced()).as("static and routed emits both count").isEqualTo(20);
        assertThat(r.stats().stage("odd").consumed()).isEqualTo(10);
    }

    @Test
    void cascadeOfAwaitStagesDeliversThroughDynamicRoutingOnly() {
        List<Integer> received = new CopyOnWriteArrayList<>();
        Pipeline p = Minigun.pipeline("await-cascade")
                .producer("gen", out -> out.to("double").emit(5))
                .processor("double", (Integer n, Output<Integer> out) -> out.<Integer>to("plus3").emit(n * 2),
                        s -> s.await(true))
                .processor("plus3", (Integer n, Output<Integer> out) -> out.<Integer>to("sink").emit(n + 3),
                        s -> s.await(true))
                .consumer("sink", (Integer n) -> received.add(n), s -> s.await(true))
                .build();

        Conservation.assertHolds(p.run());

        assertThat(received).containsExactly(13);
    }

    @Test
    void routingToAnUnknownStageFailsOnlyThatItemNamingTheTarget() {
        List<Integer> received = new CopyOnWriteArrayList<>();
        Pipeline p = Minigun.pipeline("dynamic-unknown")
                .producer("gen", out -> { for (int i = 0; i < 5; i++) out.emit(i); })
                .processor("route", (Integer n, Output<Integer> out) -> {
                    if (n == 3) {
                        out.<Integer>to("nowhere").emit(n);
                    } else {
                        out.emit(n);
                    }
                })
                .consumer("collect", (Integer n) -> received.add(n))
                .build();

        RunResult r = Conservation.assertHolds(p.run());

        assertThat(received).containsExactly(0, 1, 2, 4);
        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED_WITH_FAILURES);
        assertThat(r.failed()).isEqualTo(1);
        assertThat(r.failures()).singleElement().satisfies(f -> {
            assertThat(f.stage()).isEqualTo("route");
            assertThat(f.item()).isEqualTo(3);
            assertThat(f.isStageFailure()).isFalse();
            assertThat(f.exception()).hasMessageContaining("nowhere");
        });
        assertThat(r.stats().stage("route").failed()).isEqualTo(1);
        assertThat(r.stats().stage("route").succeeded()).isEqualTo(4);
    }

    @Test
    void nestedPipelinesTwoLevelsDeepTakeItemsInAndSendThemOutToTheParent() {
        List<Integer> received = new CopyOnWriteArrayList<>();
        Pipeline p = Minigun.pipeline("nesting")
                .producer("gen", out -> { for (int i = 1; i <= 5; i++) out.emit(i); })
                .pipeline("outer", outer -> outer
                        .processor("plusOne", (Integer n) -> n + 1)
                        .pipeline("inner", inner -> inner
                                .processor("timesTen", (Integer n) -> n * 10)
                                .processor("minusOne", (Integer n) -> n - 1)))
                .consumer("collect", (Integer n) -> received.add(n))
                .build();

        RunResult r = Conservation.assertHolds(p.run());

        assertThat(received).containsExactlyInAnyOrder(19, 29, 39, 49, 59);
        assertThat(r.stats().stage("plusOne").consumed()).isEqualTo(5);
        assertThat(r.stats().stage("timesTen").consumed()).isEqualTo(5);
        assertThat(r.stats().stage("minusOne").produced()).isEqualTo(5);
        assertThat(r.stats().stage("collect").consumed()).isEqualTo(5);
        assertThat(r.produced()).isEqualTo(5);
        assertThat(r.consumed()).isEqualTo(5);
        assertThat(r.stats().stage("timesTen").pipeline()).as("qualified pipeline path of a nested stage")
                .isEqualTo("nesting/outer/inner");
    }

    @Test
    void dynamicRoutingReachesAStageInsideANestedPipeline() {
        List<Integer> received = new CopyOnWriteArrayList<>();
        Pipeline p = Minigun.pipeline("route-into-nested")
                .pipeline("box", box -> box
                        .consumer("innerSink", (Integer n) -> received.add(n), s -> s.await(true)))
                .producer("gen", out -> { for (int i = 0; i < 4; i++) out.to("innerSink").emit(i); })
                .build();

        RunResult r = Conservation.assertHolds(p.run());

        assertThat(received).containsExactlyInAnyOrder(0, 1, 2, 3);
        assertThat(r.stats().stage("innerSink").consumed()).isEqualTo(4);
    }

    @Test
    void automaticWiringNeverTargetsANestedPipelineWhoseOnlyStagesAreAwait() {
        // SPEC §3.2: await(true) stages are never targets of automatic wiring; a nested pipeline made only of them
        // takes no static input, so gap filling must not wire the producer into it (and then reject its own edge)
        List<Integer> received = new CopyOnWriteArrayList<>();
        Pipeline p = Minigun.pipeline("autowire-await-box")
                .producer("gen", out -> { for (int i = 0; i < 4; i++) out.to("innerSink").emit(i); })
                .pipeline("box", box -> box
                        .consumer("innerSink", (Integer n) -> received.add(n), s -> s.await(true)))
                .build();

        Conservation.assertHolds(p.run());

        assertThat(received).containsExactlyInAnyOrder(0, 1, 2, 3);
    }

    @Test
    void anAwaitStageThatNothingRoutesToEndsAndDoesNotHangTheRun() {
        List<Integer> received = new CopyOnWriteArrayList<>();
        Pipeline p = Minigun.pipeline("await-nobody")
                .producer("gen", out -> { for (int i = 0; i < 3; i++) out.emit(i); })
                .consumer("collect", (Integer n) -> received.add(n))
                .consumer("orphan", (Integer n) -> received.add(-1), s -> s.await(true))
                .build();

        RunResult r = Conservation.assertHolds(p.run());

        assertThat(received).containsExactly(0, 1, 2);
        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(r.stats().stage("orphan").consumed()).isZero();
    }

    @Test
    void aProducerThatEmitsNothingEndsTheRunCleanly() {
        Pipeline p = Minigun.pipeline("empty")
                .producer("gen", out -> { })
                .processor("double", (Integer n) -> n * 2, s -> s.threads(3))
                .accumulator("batch", s -> s.maxSize(5))
                .consumer("collect", (List<Integer> batch) -> { throw new AssertionError("no batch expected"); })
                .build();

        RunResult r = Conservation.assertHolds(p.run());

        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(r.produced()).isZero();
        assertThat(r.consumed()).isZero();
    }

    @Test
    void producerGivenAsASupplierOfAnIterableEmitsEveryElement() {
        List<String> received = new CopyOnWriteArrayList<>();
        Pipeline p = Minigun.pipeline("iterable-source")
                .producer("gen", () -> List.of("a", "b", "c"))
                .processor("upper", (String s) -> s.toUpperCase())
                .processor("dropB", (String s) -> s.equals("B") ? null : s)
                .consumer("collect", (String s) -> received.add(s))
                .build();

        RunResult r = Conservation.assertHolds(p.run());

        assertThat(received).containsExactly("A", "C");
        assertThat(r.stats().stage("dropB").produced()).as("a null result emits nothing").isEqualTo(2);
        assertThat(r.stats().stage("dropB").succeeded()).isEqualTo(3);
    }

    @ParameterizedTest(name = "inline={0}")
    @ValueSource(booleans = {true, false})
    void itemsRoutedByNameIntoAFusedStageFromAnotherThreadArrive(boolean inline) {
        List<Integer> received = new CopyOnWriteArrayList<>();
        Pipeline p = Minigun.pipeline("route-into-fused-" + inline)
                .concurrency(c -> c.inline(inline))
                .producer("main", out -> { for (int i = 0; i < 200; i++) out.emit(i); })
                .processor("inc", (Integer n) -> n + 1)
                .consumer("collect", (Integer n) -> received.add(n))
                .producer("side", out -> { for (int i = 1000; i < 1200; i++) out.to("inc").emit(i); })
                .build();
        assertThat(p.plan().isColocated("inc")).isEqualTo(inline);

        RunResult r = Conservation.assertHolds(p.run());

        List<Integer> expected = range(1, 201);
        expected.addAll(range(1001, 1201));
        assertThat(received).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(r.stats().stage("inc").consumed()).isEqualTo(400);
        assertThat(r.stats().stage("side").produced()).isEqualTo(200);
        assertThat(r.failures()).isEmpty();
    }

    @Test
    void aNestedPipelineWithItsOwnProducerAlsoTakesInboundItems() {
        List<String> received = new CopyOnWriteArrayList<>();
        Pipeline p = Minigun.pipeline("nested-with-producer")
                .producer("outside", out -> { for (int i = 0; i < 4; i++) out.emit("out-" + i); })
                .pipeline("box", box -> box
                        .producer("inside", out -> { for (int i = 0; i < 3; i++) out.emit("in-" + i); })
                        .processor("tag", (String s) -> "[" + s + "]"))
                .consumer("collect", (String s) -> received.add(s))
                .build();

        RunResult r = Conservation.assertHolds(p.run());

        assertThat(received).containsExactlyInAnyOrder(
                "[out-0]", "[out-1]", "[out-2]", "[out-3]", "[in-0]", "[in-1]", "[in-2]");
        assertThat(r.produced()).isEqualTo(7);
    }

    @Test
    void roundRobinIntoANestedPipelineDealsItemsOverItsEntryStages() {
        List<String> received = new CopyOnWriteArrayList<>();
        Pipeline p = Minigun.pipeline("rr-nested")
                .producer("gen", out -> { for (int i = 0; i < 6; i++) out.emit(i); })
                .pipeline("box", box -> box
                        .processor("left", (Integer n) -> "L" + n, s -> s.to("join"))
                        .processor("right", (Integer n) -> "R" + n, s -> s.to("join"))
                        .processor("join", (String s) -> s), s -> s.routing(Routing.ROUND_ROBIN))
                .consumer("collect", (String s) -> received.add(s))
                .build();

        RunResult r = Conservation.assertHolds(p.run());

        assertThat(received).containsExactlyInAnyOrder("L0", "R1", "L2", "R3", "L4", "R5");
        assertThat(r.stats().stages()).extracting(StageStats::name)
                .containsExactly("gen", "left", "right", "join", "collect");
    }

    @Test
    void aConsumerThatTakesAnOutputMayEmit() {
        List<String> received = new CopyOnWriteArrayList<>();
        Pipeline p = Minigun.pipeline("emitting-consumer")
                .producer("gen", out -> { for (int i = 0; i < 3; i++) out.emit(i); })
                .consumer("save", (Integer n, Output<String> out) -> out.emit("saved-" + n))
                .consumer("audit", (String s) -> received.add(s))
                .build();

        RunResult r = Conservation.assertHolds(p.run());

        assertThat(received).containsExactly("saved-0", "saved-1", "saved-2");
        assertThat(r.stats().stage("save").produced()).isEqualTo(3);
    }

    @Test
    void producersGivenAsStreamsAndIteratorsEmitEveryElement() {
        List<Integer> received = new CopyOnWriteArrayList<>();
        Pipeline p = Minigun.pipeline("stream-sources")
                .producer("stream", () -> IntStream.range(0, 5).boxed())
                .producer("iterator", () -> List.of(10, 11).iterator())
                .consumer("collect", (Integer n) -> received.add(n))
                .build();

        RunResult r = Conservation.assertHolds(p.run());

        assertThat(received).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 10, 11);
        assertThat(r.produced()).isEqualTo(7);
    }

    @Test
    void aMultiWorkerStageRoutingToAnInlineStageDeliversEverything() {
        List<Integer> received = new CopyOnWriteArrayList<>();
        Pipeline p = Minigun.pipeline("route-to-inline")
                .producer("gen", out -> { for (int i = 0; i < 300; i++) out.emit(i); })
                .processor("spread", (Integer n, Output<Integer> out) -> out.<Integer>to("sink").emit(n),
                        s -> s.threads(4))
                .consumer("sink", (Integer n) -> received.add(n), s -> s.concurrency(ContextType.INLINE).await(true))
                .build();

        RunResult r = Conservation.assertHolds(p.run());

        assertThat(received).containsExactlyInAnyOrderElementsOf(range(0, 300));
        assertThat(r.stats().stage("sink").consumed()).isEqualTo(300);
    }
}
