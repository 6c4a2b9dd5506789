package io.minigun.internal.runtime;

import io.minigun.RunStatus;
import io.minigun.internal.definition.GraphNode;
import io.minigun.internal.definition.StageKind;
import io.minigun.internal.stats.LatencyReservoir;
import io.minigun.stats.LiveStageStats;
import io.minigun.stats.LiveStats;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a run's live stats: sums the cumulative counters of every stage's lanes (what the engine counts anyway),
 * takes rates over a {@link LiveWindow}, and percentiles from each lane's recent latency samples. Created the first
 * time someone asks, so runs nobody watches pay nothing; a read costs a pass over the lanes.
 */
final class LiveStatsReader {
    private static final int CONSUMED = 0;
    private static final int PRODUCED = 1;
    private static final int FAILED = 2;
    private static final int RETRIED = 3;
    private static final int BUSY = 4;
    private static final int BLOCKED = 5;
    /** Counters per stage before its lanes' latency observation counts. */
    private static final int PER_STAGE = 6;

    private final Run run;
    private final List<StageRuntime> stages = new ArrayList<>();
    private final int[] offsets;
    private final int width;
    private final LiveWindow window = new LiveWindow();

    LiveStatsReader(Run run) {
        this.run = run;
        for (GraphNode node : run.graph().topologicalOrder()) {
            if (!node.isRouter()) {
                stages.add(run.stage(node.id()));
            }
        }
        offsets = new int[stages.size()];
        int at = 0;
        for (int i = 0; i < stages.size(); i++) {
            offsets[i] = at;
            at += PER_STAGE + stages.get(i).lanes.length;
        }
        width = at;
    }

    /** The live stats now (at the run's end once it has ended), with {@code status}. */
    synchronized LiveStats read(RunStatus status) {
        long start = run.startNanos();
        long end = run.endNanos();
        long now = end != 0 ? end : System.nanoTime();
        LiveWindow.Sample current = new LiveWindow.Sample(now, counters());
        LiveWindow.Sample base = window.advance(current, new LiveWindow.Sample(start == 0 ? now : start, new long[width]));
        double seconds = (current.nanos() - base.nanos()) / 1e9;
        List<LiveStageStats> list = new ArrayList<>();
        long produced = 0;
        long consumed = 0;
        long failed = 0;
        double producedPerSecond = 0;
        int bottleneck = -1;
        double busiest = 0;
        for (int i = 0; i < stages.size(); i++) {
            LiveStageStats stats = stage(i, current, base, seconds);
            list.add(stats);
            failed += stats.failed();
            if (stats.kind().equals(StageKind.PRODUCER.label())) {
                produced += stats.produced();
                producedPerSecond += stats.outPerSecond();
            } else {
                if (stages.get(i).node.downstream().isEmpty()) {
                    consumed += stats.consumed();
                }
                if (stats.inPerSecond() > 0 && stats.busyFraction() > busiest) {
                    busiest = stats.busyFraction();
                    bottleneck = i;
                }
            }
        }
        if (bottleneck >= 0) {
            list.set(bottleneck, asBottleneck(list.get(bottleneck)));
        }
        Duration elapsed = Duration.ofNanos(start == 0 ? 0 : Math.max(0, now - start));
        return new LiveStats(run.graph().root().name(), run.id(), status, elapsed,
                Duration.ofNanos(current.nanos() - base.nanos()), produced, consumed, failed, producedPerSecond, list);
    }

    private long[] counters() {
        long[] values = new long[width];
        for (int i = 0; i < stages.size(); i++) {
            int at = offsets[i];
            Lane[] lanes = stages.get(i).lanes;
            for (int l = 0; l < lanes.length; l++) {
                Lane lane = lanes[l];
                values[at + CONSUMED] += lane.consumedCount();
                values[at + PRODUCED] += lane.producedCount();
                values[at + FAILED] += lane.failedCount();
                values[at + RETRIED] += lane.retriedCount();
                values[at + BUSY] += lane.latencies.totalNanos();
                values[at + BLOCKED] += lane.blockedNanos();
                values[at + PER_STAGE + l] = lane.latencies.observations();
            }
        }
        return values;
    }

    private LiveStageStats stage(int i, LiveWindow.Sample current, LiveWindow.Sample base, double seconds) {
        StageRuntime stage = stages.get(i);
        int at = offsets[i];
        long[] now = current.values();
        int workers = Math.max(1, stage.plan.workers());
        double capacityNanos = seconds * 1e9 * workers;
        long blockedNanos = current.delta(base, at + BLOCKED);
        double blockedFraction = capacityNanos <= 0 ? 0 : Math.min(1, blockedNanos / capacityNanos);
        boolean ended = stage.isEnded();
        double busyFraction;
        if (stage.node.kind() == StageKind.PRODUCER) {
            busyFraction = ended ? 0 : 1 - blockedFraction;
        } else {
            busyFraction = capacityNanos <= 0 ? 0 : Math.min(1, current.delta(base, at + BUSY) / capacityNanos);
        }
        List<LatencyReservoir.Snapshot> recent = new ArrayList<>();
        int active = 0;
        for (int l = 0; l < stage.lanes.length; l++) {
            Lane lane = stage.lanes[l];
            active += lane.isBusy() ? 1 : 0;
            recent.add(lane.latencies.recentSince(base.values()[at + PER_STAGE + l]));
        }
        long[] p = LatencyReservoir.percentiles(recent, 50, 99);
        StageQueue queue = stage.plan.hasQueue() ? stage.queue : null;
        int capacity = queue == null || queue.capacity() == Integer.MAX_VALUE ? 0 : queue.capacity();
        long queued = queue == null || ended ? 0 : queue.size();
        return new LiveStageStats(stage.name, stage.node.scope().path(), stage.node.kind().label(),
                stage.plan.contextType().name(), stage.plan.workers(), now[at + CONSUMED], now[at + PRODUCED],
                now[at + FAILED], current.rate(base, at + CONSUMED), current.rate(base, at + PRODUCED),
                current.rate(base, at + FAILED), current.rate(base, at + RETRIED), queued, capacity, busyFraction,
                blockedFraction, Duration.ofNanos(blockedNanos), Duration.ofNanos(p[0]), Duration.ofNanos(p[1]),
                active, ended, false);
    }

    private static LiveStageStats asBottleneck(LiveStageStats s) {
        return new LiveStageStats(s.name(), s.pipeline(), s.kind(), s.contextType(), s.workers(), s.consumed(),
                s.produced(), s.failed(), s.inPerSecond(), s.outPerSecond(), s.failedPerSecond(),
                s.retriedPerSecond(), s.queued(), s.queueCapacity(), s.busyFraction(), s.blockedFraction(),
                s.blocked(), s.p50(), s.p99(), s.activeWorkers(), s.ended(), true);
    }
}
