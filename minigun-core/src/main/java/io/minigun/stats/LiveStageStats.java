package io.minigun.stats;

import java.time.Duration;

/**
 * What one stage is doing now: rates over the sliding window of {@link LiveStats#window()}, plus running totals.
 *
 * @param name             the stage name
 * @param pipeline         the path of the pipeline that declares it ({@code root/nested} for a nested pipeline)
 * @param kind             producer, processor, accumulator, consumer or stage
 * @param contextType      where its items run: THREAD, VIRTUAL, INLINE or PROCESS
 * @param workers          its workers (threads, virtual-thread permits, worker JVMs, or 1)
 * @param consumed         items received so far
 * @param produced         items emitted so far
 * @param failed           items (or stage-level failures) failed so far
 * @param inPerSecond      items received per second over the window
 * @param outPerSecond     items emitted per second over the window
 * @param failedPerSecond  failures per second over the window
 * @param retriedPerSecond retry attempts per second over the window
 * @param queued           items waiting in its input queue now (0 without a queue)
 * @param queueCapacity    its input queue's capacity; 0 without a bounded queue
 * @param busyFraction     time in stage code over the window's wall time × workers, 0 to 1 (a producer: the time
 *                         it was not blocked); 0 when latency sampling is off
 * @param blockedFraction  time its workers waited on a full downstream queue over wall time × workers, 0 to 1
 * @param blocked          that waiting time over the window
 * @param p50              median latency of its recent items (within the window)
 * @param p99              99th percentile latency of its recent items (within the window)
 * @param activeWorkers    workers handling an item now
 * @param ended            whether the stage has ended
 * @param bottleneck       whether this is the run's bottleneck over the window ({@link LiveStats#bottleneck()})
 */
public record LiveStageStats(
        String name,
        String pipeline,
        String kind,
        String contextType,
        int workers,
        long consumed,
        long produced,
        long failed,
        double inPerSecond,
        double outPerSecond,
        double failedPerSecond,
        double retriedPerSecond,
        long queued,
        int queueCapacity,
        double busyFraction,
        double blockedFraction,
        Duration blocked,
        Duration p50,
        Duration p99,
        int activeWorkers,
        boolean ended,
        boolean bottleneck) {

    /** How full its input queue is, 0 to 1 (0 without a bounded queue). */
    public double queueFill() {
        return queueCapacity <= 0 ? 0 : Math.min(1.0, queued / (double) queueCapacity);
    }

    /** {@code pipeline/name}: unique in the run. */
    public String qualifiedName() {
        return pipeline + "/" + name;
    }
}
