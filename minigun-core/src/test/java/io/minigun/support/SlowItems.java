package io.minigun.support;

import io.minigun.Pipeline;
import io.minigun.PipelineBuilder;
import io.minigun.StageOptions;
import io.minigun.stats.StageStats;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A slow stage whose percentiles matter: {@value #COUNT} items, 27 taking 5 ms and 3 (every tenth) taking 40 ms.
 * The body returns the nanoseconds it measured itself, so that a test can sum what the stage's code really took.
 */
public final class SlowItems {
    public static final int COUNT = 30;
    public static final Duration FAST = Duration.ofMillis(5);
    public static final Duration SLOW = Duration.ofMillis(40);

    private SlowItems() {
    }

    /**
     * {@code gen → slow → sum}: {@code slow} runs the items ({@link #workWithFailures} when {@code withFailures}) with
     * {@code options}, and {@code sum} adds what each item measured to {@code measured}.
     */
    public static Pipeline pipeline(PipelineBuilder builder, boolean withFailures, StageOptions options,
                                    AtomicLong measured) {
        Set<Integer> failedOnce = ConcurrentHashMap.newKeySet();
        return builder
                .producer("gen", out -> { for (int i = withFailures ? -1 : 0; i < COUNT; i++) out.emit(i); })
                .processor("slow", (Integer n) -> withFailures ? workWithFailures(n, failedOnce) : work(n), options)
                .consumer("sum", (Long nanos) -> { measured.addAndGet(nanos); })
                .build();
    }

    /**
     * {@code gen → pass → slow → sum}: as {@link #pipeline}, with {@code slow} behind a processor that takes no time,
     * so that when both are fused the fast stage decides which of slow's items are timed.
     */
    public static Pipeline behindAFastStage(PipelineBuilder builder, AtomicLong measured) {
        return builder
                .producer("gen", out -> { for (int i = 0; i < COUNT; i++) out.emit(i); })
                .processor("pass", (Integer n) -> n)
                .processor("slow", (Integer n) -> work(n))
                .consumer("sum", (Long nanos) -> { measured.addAndGet(nanos); })
                .build();
    }

    /** The stage's body for item {@code n} (0 to {@value #COUNT} - 1): sleeps its time, returns what that took. */
    public static long work(int n) throws InterruptedException {
        long start = System.nanoTime();
        Thread.sleep((n % 10 == 9 ? SLOW : FAST).toMillis());
        return System.nanoTime() - start;
    }

    /**
     * The body with two failures before the {@value #COUNT} items: item -1 always fails, and item 0 fails on its
     * first attempt ({@code failedBefore} remembers it), so a stage with one retry fails one item and retries two.
     */
    public static long workWithFailures(int n, Set<Integer> failedBefore) throws InterruptedException {
        if (n < 0 || n == 0 && failedBefore.add(n)) {
            throw new IllegalStateException("item " + n + " fails");
        }
        return work(n);
    }

    /**
     * p99 shows the slow items and p50 the fast ones; busy time is at least what the items' code measured (the
     * stage times a span that encloses it) and at most the stage's runtime (one worker, so its items never overlap).
     */
    public static void assertStatsAreRight(StageStats stats, long measuredNanos) {
        assertThat(stats.succeeded()).isEqualTo(COUNT);
        assertThat(stats.p99()).as("p99 of %s: 3 items in 30 take 40 ms", stats.line()).isGreaterThanOrEqualTo(SLOW);
        assertThat(stats.p95()).as("p95 of %s: the 29th of 30 items takes 40 ms", stats.line())
                .isGreaterThanOrEqualTo(SLOW);
        assertThat(stats.p50()).as("p50 of %s: most items take 5 ms", stats.line())
                .isGreaterThanOrEqualTo(FAST).isLessThan(SLOW);
        assertThat(stats.busy()).as("busy time of %s", stats.line())
                .isGreaterThanOrEqualTo(Duration.ofNanos(measuredNanos))
                .isLessThanOrEqualTo(stats.runtime());
    }
}
