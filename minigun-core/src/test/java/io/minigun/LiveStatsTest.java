package io.minigun;

import io.minigun.stats.LiveStageStats;
import io.minigun.stats.LiveStats;
import io.minigun.support.MinigunThreads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Live stats (SPEC §3.7, §10): rates over a window, queue fill, busy and blocked fractions, the bottleneck. */
@Timeout(60)
@ExtendWith(MinigunThreads.class)
class LiveStatsTest {

    /** {@code gen → double → slow(2 ms an item, 1 worker, queue 20) → save}: slow is the bottleneck. */
    private static Pipeline slowPipeline() {
        return Minigun.pipeline("live")
                .producer("gen", out -> { for (long i = 0; i < 1_000_000; i++) out.emit(i); })
                .processor("double", (Long n) -> n * 2, s -> s.affinity(Affinity.INDEPENDENT))
                .processor("slow", (Long n) -> {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
                    return n;
                }, s -> s.threads(1).queueSize(20))
                .consumer("save", (Long n) -> { })
                .build();
    }

    @Test
    void aRunningPipelineShowsRatesQueueFillAndItsBottleneck() {
        PipelineRun run = slowPipeline().start();
        try {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                LiveStats live = run.liveStats();
                assertThat(live.status()).isEqualTo(RunStatus.RUNNING);
                LiveStageStats slow = stage(live, "slow");
                assertThat(slow.inPerSecond()).as("slow's input rate").isBetween(50.0, 600.0);
                assertThat(slow.busyFraction()).as("slow's workers are busy").isGreaterThan(0.5);
                assertThat(slow.p50()).as("recent median").isGreaterThanOrEqualTo(Duration.ofMillis(2));
                assertThat(slow.queueCapacity()).isEqualTo(20);
                assertThat(slow.queued()).as("the queue before the slow stage is full").isEqualTo(20);
                assertThat(slow.queueFill()).isEqualTo(1.0);
                assertThat(live.bottleneck()).map(LiveStageStats::name).contains("slow");
                LiveStageStats upstream = stage(live, "double");
                assertThat(upstream.blockedFraction()).as("double waits on slow's full queue").isGreaterThan(0.5);
                assertThat(upstream.blocked()).isPositive();
                assertThat(upstream.bottleneck()).isFalse();
                assertThat(live.itemsPerSecond()).isPositive();
                assertThat(live.elapsed()).isPositive();
                assertThat(live.window()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(6));
            });
            LiveStats before = run.liveStats();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> stage(run.liveStats(), "save").consumed() > stage(before, "save").consumed());
        } finally {
            run.cancel();
        }
        run.await();
        LiveStats ended = run.liveStats();
        assertThat(ended.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(ended.stages()).allSatisfy(s -> {
            assertThat(s.ended()).isTrue();
            assertThat(s.queued()).isZero();
        });
        assertThat(ended.stages()).extracting(LiveStageStats::name).containsExactly("gen", "double", "slow", "save");
        assertThat(ended.produced()).isEqualTo(run.stats().produced());
    }

    @Test
    void failuresAndRetriesHaveRates() {
        Pipeline p = Minigun.pipeline("failing")
                .concurrency(c -> c.retries(1).backoff(Duration.ofMillis(1)))
                .producer("gen", out -> { for (int i = 0; i < 400; i++) out.emit(i); })
                .consumer("fail", (Integer n) -> {
                    if (n % 2 == 0) {
                        throw new IllegalStateException("even");
                    }
                }, s -> s.threads(1))
                .build();
        PipelineRun run = p.start();
        RunResult result = run.await();
        LiveStats live = run.liveStats();
        assertThat(live.status()).isEqualTo(RunStatus.COMPLETED_WITH_FAILURES);
        LiveStageStats fail = stage(live, "fail");
        assertThat(fail.failed()).isEqualTo(200);
        assertThat(live.failed()).isEqualTo(result.failed());
        assertThat(fail.failedPerSecond()).isPositive();
        assertThat(fail.retriedPerSecond()).isPositive();
        assertThat(fail.failedPerSecond()).isCloseTo(fail.retriedPerSecond(), org.assertj.core.api.Assertions.within(1e-6));
    }

    private static LiveStageStats stage(LiveStats live, String name) {
        return live.stages().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }
}
