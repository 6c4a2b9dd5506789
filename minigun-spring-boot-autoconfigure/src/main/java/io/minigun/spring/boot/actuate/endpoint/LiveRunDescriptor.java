package io.minigun.spring.boot.actuate.endpoint;

import io.minigun.stats.LiveStageStats;
import io.minigun.stats.LiveStats;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.List;

/**
 * The live figures of an active run, as the {@code minigun} endpoint answers them ({@link LiveStats}): rates are per
 * second over the engine's sliding window, durations in milliseconds.
 *
 * @param elapsedMillis  run time so far
 * @param windowMillis   the span the rates were computed over
 * @param produced       items produced by the producers so far
 * @param consumed       items consumed by the terminal stages so far
 * @param failed         failures so far
 * @param itemsPerSecond items produced per second over the window
 * @param bottleneck     the bottleneck stage's name over the window, or {@code null}
 * @param stages         every stage in topological order
 */
public record LiveRunDescriptor(double elapsedMillis, double windowMillis, long produced, long consumed, long failed,
                                double itemsPerSecond, @Nullable String bottleneck, List<LiveStage> stages) {

    static LiveRunDescriptor of(LiveStats live) {
        return new LiveRunDescriptor(millis(live.elapsed()), millis(live.window()), live.produced(), live.consumed(),
                live.failed(), live.itemsPerSecond(), live.bottleneck().map(LiveStageStats::name).orElse(null),
                live.stages().stream().map(LiveStage::of).toList());
    }

    private static double millis(Duration duration) {
        return duration.toNanos() / 1e6;
    }

    /**
     * One stage's live figures.
     *
     * @param name             the stage name
     * @param pipeline         the pipeline that declares it ({@code root/nested} for a nested pipeline)
     * @param consumed         items received so far
     * @param produced         items emitted so far
     * @param failed           failures so far
     * @param inPerSecond      items received per second
     * @param outPerSecond     items emitted per second
     * @param failedPerSecond  failures per second
     * @param retriedPerSecond retry attempts per second
     * @param queued           items in its input queue now
     * @param queueCapacity    its input queue's capacity (0 without a bounded queue)
     * @param queueFill        queued ÷ capacity, 0 to 1
     * @param busy             busy fraction of its workers (time in stage code ÷ wall time × workers), 0 to 1
     * @param blocked          fraction of its workers' time spent waiting on a full downstream queue, 0 to 1
     * @param blockedMillis    that waiting time over the window
     * @param p50Millis        median latency of its recent items
     * @param p99Millis        99th percentile latency of its recent items
     * @param activeWorkers    workers handling an item now
     * @param ended            whether the stage has ended
     * @param bottleneck       whether it is the run's bottleneck
     */
    public record LiveStage(String name, String pipeline, long consumed, long produced, long failed,
                            double inPerSecond, double outPerSecond, double failedPerSecond, double retriedPerSecond,
                            long queued, int queueCapacity, double queueFill, double busy, double blocked,
                            double blockedMillis, double p50Millis, double p99Millis, int activeWorkers,
                            boolean ended, boolean bottleneck) {

        static LiveStage of(LiveStageStats s) {
            return new LiveStage(s.name(), s.pipeline(), s.consumed(), s.produced(), s.failed(), s.inPerSecond(),
                    s.outPerSecond(), s.failedPerSecond(), s.retriedPerSecond(), s.queued(), s.queueCapacity(),
                    s.queueFill(), s.busyFraction(), s.blockedFraction(), millis(s.blocked()), millis(s.p50()),
                    millis(s.p99()), s.activeWorkers(), s.ended(), s.bottleneck());
        }
    }
}
