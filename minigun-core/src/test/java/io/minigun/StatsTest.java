package io.minigun;

import io.minigun.support.Conservation;
import io.minigun.support.MinigunThreads;
import io.minigun.support.SlowItems;
import io.minigun.stats.PipelineStats;
import io.minigun.stats.StageStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Stats (SPEC §3.7): live during a run, discarded items, totals, order, bottleneck; run parameters. */
@Timeout(30)
@ExtendWith(MinigunThreads.class)
class StatsTest {

    @Test
    void statsAreLiveWhileTheRunIsInProgress() {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch threeDone = new CountDownLatch(3);
        Pipeline p = Minigun.pipeline("live-stats")
                .producer("gen", out -> { for (int i = 0; i < 10; i++) out.emit(i); })
                .processor("double", (Integer n) -> n * 2)
                .consumer("save", (Integer n) -> {
                    threeDone.countDown();
                    if (n >= 6) {
                        release.await();
                    }
                }, s -> s.affinity(Affinity.INDEPENDENT))
                .build();

        PipelineRun run = p.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> threeDone.getCount() == 0);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                PipelineStats live = run.stats();
                assertThat(live.stage("save").consumed()).isGreaterThan(0);
                assertThat(live.stage("save").succeeded()).isGreaterThanOrEqualTo(3);
            });
            PipelineStats live = run.stats();
            assertThat(run.isDone()).isFalse();
            assertThat(run.result()).isEmpty();
            assertThat(live.stage("save").ended()).as("save is still running").isFalse();
            assertThat(live.stage("save").consumed()).isLessThan(10);
            assertThat(live.stage("gen").produced()).isGreaterThan(0);
            assertThat(live.runtime()).isPositive();
        } finally {
            release.countDown();
        }
        RunResult r = Conservation.assertHolds(run.await());
        assertThat(r.id()).isEqualTo(run.id());
        assertThat(run.pipeline()).isEqualTo("live-stats");
        assertThat(r.stats().stage("save").consumed()).isEqualTo(10);
        assertThat(run.stats().stage("save").consumed()).as("stats after the end are the final ones").isEqualTo(10);
        assertThat(run.isDone()).isTrue();
    }

    @Test
    void itemsEmittedWithNoDownstreamAreCountedAsDiscarded() {
        Pipeline p = Minigun.pipeline("discards")
                .producer("gen", out -> { for (int i = 0; i < 10; i++) out.emit(i); })
                .processor("last", (Integer n, Output<Integer> out) -> {
                    out.emit(n);
                    out.emit(-n);
                })
                .build();

        RunResult r = Conservation.assertHolds(p.run());

        StageStats last = r.stats().stage("last");
        assertThat(last.consumed()).isEqualTo(10);
        assertThat(last.succeeded()).isEqualTo(10);
        assertThat(last.discarded()).isEqualTo(20);
        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(r.stats().stage("gen").discarded()).isZero();
    }

    @Test
    void aProducerDeclaredLastWithNoDownstreamHasItsItemsCountedAsDiscarded() {
        List<Integer> received = new CopyOnWriteArrayList<>();
        Pipeline p = Minigun.pipeline("producer-discards")
                .producer("gen", out -> { for (int i = 0; i < 3; i++) out.emit(i); })
                .consumer("collect", (Integer n) -> received.add(n))
                .producer("lonely", out -> { for (int i = 0; i < 4; i++) out.emit(i); })
                .build();

        RunResult r = Conservation.assertHolds(p.run());

        assertThat(received).containsExactly(0, 1, 2);
        assertThat(r.stats().stage("lonely").produced()).isEqualTo(4);
        assertThat(r.stats().stage("lonely").discarded()).isEqualTo(4);
    }

    @Test
    void runParametersAreVisibleToStagesThroughTheOutputContext() {
        List<Integer> received = new CopyOnWriteArrayList<>();
        AtomicReference<String> idSeen = new AtomicReference<>();
        AtomicReference<Map<String, Object>> paramsSeen = new AtomicReference<>();
        Pipeline p = Minigun.pipeline("params")
                .producer("gen", out -> {
                    int n = (Integer) out.context().parameters().get("count");
                    for (int i = 0; i < n; i++) out.emit(i);
                })
                .processor("scale", (Integer n, Output<Integer> out) -> {
                    idSeen.set(out.context().runId());
                    paramsSeen.set(out.context().parameters());
                    out.emit(n * (Integer) out.context().parameters().get("factor"));
                }, s -> s.threads(2))
                .consumer("collect", (Integer n) -> received.add(n))
                .build();

        RunResult r = Conservation.assertHolds(p.run(Map.of("count", 4, "factor", 3)));

        assertThat(received).containsExactlyInAnyOrder(0, 3, 6, 9);
        assertThat(idSeen).hasValue(r.id());
        assertThat(paramsSeen.get()).containsEntry("factor", 3).containsEntry("count", 4);
        assertThatThrownBy(() -> paramsSeen.get().put("x", 1)).as("parameters are unmodifiable")
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void parametersAreNeverNull() {
        AtomicReference<Map<String, Object>> seen = new AtomicReference<>();
        AtomicReference<Boolean> cancelled = new AtomicReference<>();
        Pipeline p = Minigun.pipeline("no-params")
                .producer("gen", out -> {
                    seen.set(out.context().parameters());
                    cancelled.set(out.context().isCancelled());
                })
                .consumer("c", (Integer n) -> { })
                .build();

        p.run();

        assertThat(seen.get()).isNotNull().isEmpty();
        assertThat(cancelled).hasValue(false);
    }

    @Test
    void totalsOrderAndBottleneckDescribeTheRun() {
        CountDownLatch never = new CountDownLatch(1);
        Pipeline p = Minigun.pipeline("totals")
                .producer("a", out -> { for (int i = 0; i < 200; i++) out.emit(i); })
                .producer("b", out -> { for (int i = 0; i < 100; i++) out.emit(i); })
                .processor("fast", (Integer n) -> n)
                .processor("slow", (Integer n) -> {
                    never.await(1, TimeUnit.MILLISECONDS);
                    return n;
                })
                .pipeline("inner", inner -> inner
                        .processor("x", (Integer n) -> n, s -> s.to("y", "z"))
                        .consumer("y", (Integer n) -> { })
                        .consumer("z", (Integer n) -> { }))
                .build();

        RunResult r = Conservation.assertHolds(p.run());
        PipelineStats stats = r.stats();

        assertThat(stats.produced()).as("sum over source stages").isEqualTo(300);
        assertThat(stats.consumed()).as("sum over terminal stages y and z").isEqualTo(600);
        assertThat(r.produced()).isEqualTo(300);
        assertThat(r.consumed()).isEqualTo(600);
        List<String> names = stats.stages().stream().map(StageStats::name).toList();
        assertThat(names).as("every user stage, no router").containsExactlyInAnyOrder(
                "a", "b", "fast", "slow", "x", "y", "z");
        assertThat(names.indexOf("fast")).isLessThan(names.indexOf("slow"));
        assertThat(names.indexOf("slow")).isLessThan(names.indexOf("x"));
        assertThat(names.indexOf("x")).isLessThan(names.indexOf("y")).isLessThan(names.indexOf("z"));
        assertThat(names.indexOf("a")).isLessThan(names.indexOf("fast"));
        assertThat(stats.bottleneck()).get().extracting(StageStats::name).isEqualTo("slow");
        StageStats slow = stats.stage("slow");
        assertThat(slow.p50()).isPositive();
        assertThat(slow.p50()).isLessThanOrEqualTo(slow.p90());
        assertThat(slow.p90()).isLessThanOrEqualTo(slow.p95());
        assertThat(slow.p95()).isLessThanOrEqualTo(slow.p99());
        assertThat(slow.runtime()).isLessThanOrEqualTo(r.duration());
        assertThat(slow.throughput()).isPositive();
        assertThat(slow.successRate()).isEqualTo(100.0);
        assertThat(r.duration()).isPositive();
        assertThat(stats.summary()).contains("totals", "slow", "fast", "Bottleneck");
    }

    @Test
    void successRateIsOneHundredWhenNothingWasProcessed() {
        Pipeline p = Minigun.pipeline("nothing")
                .producer("gen", out -> { })
                .consumer("c", (Integer n) -> { })
                .build();

        RunResult r = Conservation.assertHolds(p.run());

        assertThat(r.stats().stage("c").successRate()).isEqualTo(100.0);
        assertThat(r.stats().bottleneck()).as("no stage processed items").isEmpty();
    }

    @Test
    void aColocatedStagesTimeExcludesItsFusedDownstream() {
        CountDownLatch never = new CountDownLatch(1);
        Pipeline p = Minigun.pipeline("fused-timing")
                .producer("gen", out -> { for (int i = 0; i < 256; i++) out.emit(i); })
                .processor("cheap", (Integer n) -> n)
                .consumer("expensive", (Integer n) -> never.await(1, TimeUnit.MILLISECONDS))
                .build();
        assertThat(p.plan().isColocated("expensive")).isTrue();

        RunResult r = Conservation.assertHolds(p.run());

        StageStats cheap = r.stats().stage("cheap");
        StageStats expensive = r.stats().stage("expensive");
        assertThat(expensive.p50()).isGreaterThanOrEqualTo(Duration.ofMillis(1));
        assertThat(cheap.p50()).as("cheap's latency does not include the fused 1 ms consumer")
                .isLessThan(Duration.ofMillis(1));
        assertThat(r.stats().bottleneck()).get().extracting(StageStats::name).isEqualTo("expensive");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"thread", "fused", "inline"})
    void aSlowStagesPercentilesAndBusyTimeCountEveryItem(String placement) {
        AtomicLong measured = new AtomicLong();
        PipelineBuilder builder = Minigun.pipeline("slow-" + placement);
        if (placement.equals("inline")) {
            builder.concurrency(c -> c.forceInline(true));
        }
        Pipeline p = SlowItems.pipeline(builder, false, s -> {
            if (placement.equals("thread")) {
                s.concurrency(ContextType.THREAD).threads(1);
            }
        }, measured);
        assertThat(p.plan().isColocated("slow")).isEqualTo(placement.equals("fused"));

        RunResult r = Conservation.assertHolds(p.run());

        SlowItems.assertStatsAreRight(r.stats().stage("slow"), measured.get());
    }

    @Test
    void aSlowStageFusedBehindAFastOneHasEveryItemTimed() {
        AtomicLong measured = new AtomicLong();
        Pipeline p = SlowItems.behindAFastStage(Minigun.pipeline("slow-behind-fast"), measured);
        assertThat(p.plan().isColocated("pass")).isTrue();
        assertThat(p.plan().isColocated("slow")).isTrue();

        RunResult r = Conservation.assertHolds(p.run());

        SlowItems.assertStatsAreRight(r.stats().stage("slow"), measured.get());
        assertThat(r.stats().stage("pass").p50()).as("pass's latency does not include slow's")
                .isLessThan(SlowItems.FAST);
    }

    @Test
    void timedItemsThatFailOrAreRetriedLeaveTheTimingOfTheNextItemsIntact() {
        AtomicLong measured = new AtomicLong();
        Pipeline p = SlowItems.pipeline(Minigun.pipeline("slow-failing"), true,
                s -> s.retries(1).backoff(Duration.ofMillis(1)), measured);

        RunResult r = Conservation.assertHolds(p.run());

        assertThat(r.stats().stage("slow").failed()).isOne();
        assertThat(r.stats().stage("slow").retried()).isEqualTo(2);
        SlowItems.assertStatsAreRight(r.stats().stage("slow"), measured.get());
    }
}
