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
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Loop stages (SPEC §3.1): the body reads its own {@link Input}; dying or returning early never blocks upstream. */
@Timeout(30)
@ExtendWith(MinigunThreads.class)
class LoopStageTest {

    @ParameterizedTest(name = "inline={0}")
    @ValueSource(booleans = {true, false})
    void aLoopStageDeduplicatesItsInput(boolean inline) {
        List<Integer> received = new CopyOnWriteArrayList<>();
        Pipeline p = Minigun.pipeline("dedup-" + inline)
                .concurrency(c -> c.inline(inline))
                .producer("gen", out -> { for (int i = 0; i < 100; i++) out.emit(i % 7); })
                .stage("dedup", (Input<Integer> in, Output<Integer> out) -> {
                    Set<Integer> seen = new HashSet<>();
                    for (Integer n : in) {
                        if (seen.add(n)) {
                            out.emit(n);
                        }
                    }
                })
                .consumer("collect", (Integer n) -> received.add(n))
                .build();

        RunResult r = Conservation.assertHolds(p.run());

        assertThat(received).containsExactly(0, 1, 2, 3, 4, 5, 6);
        StageStats dedup = r.stats().stage("dedup");
        assertThat(dedup.consumed()).isEqualTo(100);
        assertThat(dedup.produced()).isEqualTo(7);
        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
        Conservation.assertDelivered(r, "gen", "dedup");
        Conservation.assertDelivered(r, "dedup", "collect");
    }

    @Test
    void pollTimesOutWithoutEndingAndIsEndedTellsTheEndApart() {
        CountDownLatch timedOut = new CountDownLatch(1);
        List<String> events = new CopyOnWriteArrayList<>();
        List<Integer> received = new CopyOnWriteArrayList<>();
        Pipeline p = Minigun.pipeline("poll")
                .producer("gen", out -> {
                    // hold the items back until the loop stage has seen a poll time out
                    if (!timedOut.await(10, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the loop stage never saw a timeout");
                    }
                    for (int i = 0; i < 3; i++) out.emit(i);
                })
                .stage("window", (Input<Integer> in, Output<Integer> out) -> {
                    Optional<Integer> first = in.poll(Duration.ofMillis(20));
                    events.add("first:" + first.isPresent() + ":ended=" + in.isEnded());
                    timedOut.countDown();
                    while (!in.isEnded()) {
                        Optional<Integer> next = in.poll(Duration.ofMillis(20));
                        next.ifPresent(received::add);
                        next.ifPresent(out::emit);
                    }
                    events.add("after-end:" + in.poll(Duration.ofMillis(1)).isPresent() + ":ended=" + in.isEnded());
                })
                .consumer("collect", (Integer n) -> { })
                .build();

        RunResult r = Conservation.assertHolds(p.run());

        assertThat(events).containsExactly("first:false:ended=false", "after-end:false:ended=true");
        assertThat(received).containsExactly(0, 1, 2);
        assertThat(r.stats().stage("collect").consumed()).isEqualTo(3);
    }

    @Test
    void aLoopStageThatThrowsMidWayWithAFullQueueBehindItStillEndsTheRun() {
        Pipeline p = Minigun.pipeline("loop-dies")
                .producer("gen", out -> { for (int i = 0; i < 100; i++) out.emit(i); })
                .stage("fragile", (Input<Integer> in, Output<Integer> out) -> {
                    int seen = 0;
                    for (Integer n : in) {
                        out.emit(n);
                        if (++seen == 10) {
                            throw new IllegalStateException("loop stage broke after 10 items");
                        }
                    }
                }, s -> s.queueSize(5))
                .consumer("collect", (Integer n) -> { })
                .build();

        RunResult r = Conservation.assertHolds(p.run());

        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED_WITH_FAILURES);
        assertThat(r.stats().stage("gen").produced()).as("the producer never blocked forever").isEqualTo(100);
        StageStats fragile = r.stats().stage("fragile");
        assertThat(fragile.consumed()).isEqualTo(100);
        assertThat(fragile.succeeded()).isEqualTo(10);
        assertThat(fragile.failed()).as("what it could not process counts as failed").isEqualTo(90);
        assertThat(r.stats().stage("collect").consumed()).isEqualTo(10);
        assertThat(r.failures()).anySatisfy(f -> {
            assertThat(f.stage()).isEqualTo("fragile");
            assertThat(f.item()).isNull();
            assertThat(f.exception()).hasMessageContaining("broke after 10");
        });
        Conservation.assertDelivered(r, "gen", "fragile");
    }

    @Test
    void aLoopStageThatReturnsEarlyHasTheRestCountedAsFailed() {
        Pipeline p = Minigun.pipeline("loop-returns")
                .producer("gen", out -> { for (int i = 0; i < 50; i++) out.emit(i); })
                .stage("firstThree", (Input<Integer> in, Output<Integer> out) -> {
                    var it = in.iterator();
                    for (int i = 0; i < 3 && it.hasNext(); i++) {
                        out.emit(it.next());
                    }
                }, s -> s.queueSize(4))
                .consumer("collect", (Integer n) -> { })
                .build();

        RunResult r = Conservation.assertHolds(p.run());

        StageStats stage = r.stats().stage("firstThree");
        assertThat(stage.consumed()).isEqualTo(50);
        assertThat(stage.succeeded()).isEqualTo(3);
        assertThat(stage.failed()).isEqualTo(47);
        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED_WITH_FAILURES);
        assertThat(r.failures()).extracting(ItemFailure::stage).contains("firstThree");
    }

    @Test
    void aLoopStageCanFlushTimedWindowsAndSeesEveryItem() {
        List<List<Integer>> windows = new CopyOnWriteArrayList<>();
        Pipeline p = Minigun.pipeline("timed-window")
                .producer("gen", out -> { for (int i = 0; i < 25; i++) out.emit(i); })
                .stage("window", (Input<Integer> in, Output<List<Integer>> out) -> {
                    List<Integer> window = new ArrayList<>();
                    while (!in.isEnded()) {
                        in.poll(Duration.ofMillis(10)).ifPresent(window::add);
                        if (window.size() == 10 || (in.isEnded() && !window.isEmpty())) {
                            out.emit(List.copyOf(window));
                            window.clear();
                        }
                    }
                    if (!window.isEmpty()) {
                        out.emit(List.copyOf(window));
                    }
                })
                .consumer("collect", (List<Integer> w) -> windows.add(w))
                .build();

        RunResult r = Conservation.assertHolds(p.run());

        assertThat(windows.stream().flatMap(List::stream).toList())
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 25).boxed().toList());
        assertThat(r.stats().stage("window").consumed()).isEqualTo(25);
    }

    @Test
    void anExplicitlyTypedLoopStageAcceptsTheBatchesOfAnAccumulator() {
        // the loop stage's item type is List (the element type of its Input), not Input itself
        List<List<Integer>> seen = new CopyOnWriteArrayList<>();
        Pipeline p = Minigun.pipeline("typed-loop")
                .producer("gen", out -> { for (int i = 0; i < 5; i++) out.emit(i); })
                .accumulator("batch", s -> s.maxSize(2))
                .stage("sink", (Input<List<Integer>> in, Output<Integer> out) -> {
                    for (List<Integer> batch : in) seen.add(batch);
                })
                .build();

        Conservation.assertHolds(p.run());

        assertThat(seen).containsExactly(List.of(0, 1), List.of(2, 3), List.of(4));
    }

    @Test
    void aLoopStageFeedingAFusedConsumerEndsAfterDynamicInputToo() {
        // a stage fused behind a loop stage must still end, and items routed to it by name must reach it
        List<String> received = new CopyOnWriteArrayList<>();
        List<Object> loopSaw = new CopyOnWriteArrayList<>();
        Pipeline p = Minigun.pipeline("loop-host")
                .producer("gen", out -> { for (int i = 0; i < 5; i++) out.emit(i); })
                .stage("pass", (Input<Object> in, Output<Object> out) -> {
                    for (Object o : in) {
                        loopSaw.add(o);
                        out.emit(o);
                    }
                })
                .consumer("sink", (Object o) -> received.add(String.valueOf(o)))
                .producer("side", out -> { for (int i = 0; i < 3; i++) out.to("sink").emit("side-" + i); })
                .build();

        Conservation.assertHolds(p.run());

        assertThat(loopSaw).containsExactly(0, 1, 2, 3, 4);
        assertThat(received).containsExactlyInAnyOrder("0", "1", "2", "3", "4", "side-0", "side-1", "side-2");
    }
}
