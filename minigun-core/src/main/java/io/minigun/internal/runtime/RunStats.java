package io.minigun.internal.runtime;

import io.minigun.internal.definition.GraphNode;
import io.minigun.internal.definition.PipelineGraph;
import io.minigun.internal.definition.StageKind;
import io.minigun.internal.stats.LatencyReservoir;
import io.minigun.stats.PipelineStats;
import io.minigun.stats.StageStats;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Reads the lanes of every stage into a stats snapshot. */
final class RunStats {
    private RunStats() {
    }

    static PipelineStats of(PipelineGraph graph, StageRuntime[] stages, long startNanos, long endNanos) {
        long now = System.nanoTime();
        long runEnd = endNanos != 0 ? endNanos : now;
        List<StageStats> list = new ArrayList<>();
        long produced = 0;
        long consumed = 0;
        for (GraphNode node : graph.topologicalOrder()) {
            if (node.isRouter()) {
                continue;
            }
            StageRuntime stage = stages[node.id()];
            StageStats stats = stageStats(stage, startNanos, stage.isEnded() ? stage.endNanos() : runEnd);
            list.add(stats);
            if (node.kind() == StageKind.PRODUCER) {
                produced += stats.produced();
            } else if (node.downstream().isEmpty()) {
                consumed += stats.consumed();
            }
        }
        Duration runtime = Duration.ofNanos(startNanos == 0 ? 0 : Math.max(0, runEnd - startNanos));
        return new PipelineStats(graph.root().name(), runtime, produced, consumed, list);
    }

    private static StageStats stageStats(StageRuntime stage, long startNanos, long endNanos) {
        long produced = 0;
        long consumed = 0;
        long succeeded = 0;
        long failed = 0;
        long retried = 0;
        long cancelled = 0;
        long discarded = 0;
        long busyNanos = 0;
        List<LatencyReservoir.Snapshot> samples = new ArrayList<>();
        int active = 0;
        for (Lane lane : stage.lanes) {
            active += lane.isBusy() ? 1 : 0;
            produced += lane.producedCount();
            consumed += lane.consumedCount();
            succeeded += lane.succeededCount();
            failed += lane.failedCount();
            retried += lane.retriedCount();
            cancelled += lane.cancelledCount();
            discarded += lane.discardedCount();
            LatencyReservoir.Snapshot laneSamples = lane.latencies.snapshot();
            busyNanos += laneSamples.totalNanos();
            samples.add(laneSamples);
        }
        long[] p = LatencyReservoir.percentiles(samples, 50, 90, 95, 99);
        Duration runtime = Duration.ofNanos(startNanos == 0 ? 0 : Math.max(0, endNanos - startNanos));
        // every sample carries the items it stands for, so the weighted sum estimates the time of all items
        Duration busy = stage.node.kind() == StageKind.PRODUCER ? runtime : Duration.ofNanos(busyNanos);
        return new StageStats(stage.name, stage.node.scope().path(), stage.node.kind().label(), stage.plan.workers(),
                produced, consumed, succeeded, failed, retried, cancelled, discarded, runtime, busy,
                Duration.ofNanos(p[0]), Duration.ofNanos(p[1]), Duration.ofNanos(p[2]), Duration.ofNanos(p[3]),
                stage.queue == null || stage.isEnded() ? 0 : stage.queue.size(), active, stage.isEnded());
    }
}
