package io.minigun.runtime;

import io.minigun.definition.GraphNode;
import io.minigun.definition.PipelineGraph;
import io.minigun.definition.StageKind;
import io.minigun.stats.PipelineStats;
import io.minigun.stats.StageStats;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
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
        long sampledNanos = 0;
        List<long[]> samples = new ArrayList<>();
        int sampleCount = 0;
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
            sampledNanos += lane.latencies.totalNanos();
            long[] laneSamples = lane.latencies.snapshot();
            samples.add(laneSamples);
            sampleCount += laneSamples.length;
        }
        long[] all = new long[sampleCount];
        int at = 0;
        for (long[] laneSamples : samples) {
            System.arraycopy(laneSamples, 0, all, at, laneSamples.length);
            at += laneSamples.length;
        }
        Arrays.sort(all);
        Duration runtime = Duration.ofNanos(startNanos == 0 ? 0 : Math.max(0, endNanos - startNanos));
        Duration busy = stage.node.kind() == StageKind.PRODUCER ? runtime
                : Duration.ofNanos(sampledNanos * Lane.SAMPLE_EVERY);
        return new StageStats(stage.name, stage.node.scope().path(), stage.node.kind().label(), stage.plan.workers(),
                produced, consumed, succeeded, failed, retried, cancelled, discarded, runtime, busy,
                percentile(all, 50), percentile(all, 90), percentile(all, 95), percentile(all, 99),
                stage.queue == null || stage.isEnded() ? 0 : stage.queue.size(), active, stage.isEnded());
    }

    /** Nearest rank on sorted samples; zero without samples. */
    private static Duration percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return Duration.ZERO;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return Duration.ofNanos(sorted[Math.max(0, Math.min(sorted.length - 1, index))]);
    }
}
