package io.minigun.metrics;

import io.minigun.PipelineRun;
import io.minigun.RunResult;
import io.minigun.RunStatus;
import io.minigun.execution.ExecutionPlan;
import io.minigun.metrics.MinigunMeterBinder.Outcome;
import io.minigun.stats.PipelineStats;
import io.minigun.stats.StageStats;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The numbers behind one pipeline's meters: totals of finished runs, added up as each run ends, plus a snapshot of
 * the live stats of the runs in progress, refreshed at most once per TTL. Counters never go backwards.
 */
final class PipelineTotals {
    private static final int OUTCOMES = Outcome.values().length;

    final ExecutionPlan plan;
    private final String pipeline;
    private final List<String> stageKeys;
    private final long ttlNanos;
    private final Map<String, StageNumbers> finished = new HashMap<>();
    private final Map<String, PipelineRun> active = new LinkedHashMap<>();
    private final long[] runs = new long[RunStatus.values().length];
    private final long[] runNanos = new long[RunStatus.values().length];
    private final Map<String, double[]> reported = new HashMap<>();
    private Map<String, StageNumbers> live = Map.of();
    private long liveTakenAt;
    private boolean liveValid;

    PipelineTotals(ExecutionPlan plan, long ttlNanos) {
        this.plan = plan;
        this.pipeline = plan.pipelineName();
        this.stageKeys = MinigunMeterBinder.stageKeys(plan);
        this.ttlNanos = ttlNanos;
    }

    List<String> stageKeys() {
        return stageKeys;
    }

    synchronized void started(PipelineRun run) {
        active.put(run.id(), run);
        liveValid = false;
    }

    synchronized void finished(RunResult result) {
        active.remove(result.id());
        add(finished, result.stats());
        runs[result.status().ordinal()]++;
        runNanos[result.status().ordinal()] += result.duration().toNanos();
        liveValid = false;
    }

    synchronized long count(String stage, Outcome outcome) {
        return (long) monotonic(stage + "#c" + outcome.ordinal(),
                numbers(finished, stage).counts[outcome.ordinal()] + numbers(live(), stage).counts[outcome.ordinal()]);
    }

    synchronized double nanos(String stage, Outcome outcome) {
        return monotonic(stage + "#n" + outcome.ordinal(),
                numbers(finished, stage).nanos(outcome.ordinal()) + numbers(live(), stage).nanos(outcome.ordinal()));
    }

    synchronized double queued(String stage) {
        return numbers(live(), stage).queued;
    }

    synchronized double activeWorkers(String stage) {
        return numbers(live(), stage).activeWorkers;
    }

    synchronized double activeRuns() {
        return active.size();
    }

    synchronized long runs(RunStatus status) {
        return runs[status.ordinal()];
    }

    synchronized double runNanos(RunStatus status) {
        return runNanos[status.ordinal()];
    }

    private Map<String, StageNumbers> live() {
        long now = System.nanoTime();
        if (!liveValid || now - liveTakenAt >= ttlNanos) {
            Map<String, StageNumbers> snapshot = new HashMap<>();
            for (PipelineRun run : active.values()) {
                add(snapshot, run.stats());
            }
            live = snapshot;
            liveTakenAt = now;
            liveValid = true;
        }
        return live;
    }

    private void add(Map<String, StageNumbers> into, PipelineStats stats) {
        for (StageStats stage : stats.stages()) {
            into.computeIfAbsent(StageKey.of(pipeline, stage), k -> new StageNumbers()).add(stage);
        }
    }

    private static StageNumbers numbers(Map<String, StageNumbers> from, String stage) {
        StageNumbers numbers = from.get(stage);
        return numbers != null ? numbers : StageNumbers.NONE;
    }

    /** Cumulative meters must not go down, even when a live estimate is revised. */
    private double monotonic(String key, double value) {
        double[] last = reported.computeIfAbsent(key, k -> new double[1]);
        if (value > last[0]) {
            last[0] = value;
        }
        return last[0];
    }

    /** What one stage did, summed over runs. */
    private static final class StageNumbers {
        static final StageNumbers NONE = new StageNumbers();

        final long[] counts = new long[OUTCOMES];
        final double[] busy = new double[OUTCOMES];
        long queued;
        long activeWorkers;

        void add(StageStats stats) {
            long success = "producer".equals(stats.kind()) ? stats.produced() : stats.succeeded();
            long[] these = {success, stats.failed(), stats.retried()};
            long all = 0;
            for (long n : these) {
                all += n;
            }
            double busyNanos = stats.busy().toNanos();
            for (int i = 0; i < OUTCOMES; i++) {
                counts[i] += these[i];
                if (all > 0) {
                    busy[i] += busyNanos * these[i] / all;
                }
            }
            queued += stats.queued();
            activeWorkers += stats.activeWorkers();
        }

        double nanos(int outcome) {
            return busy[outcome];
        }
    }
}
