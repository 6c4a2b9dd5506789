package io.minigun.stats;

import io.minigun.RunStatus;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A run as it goes: totals so far and rates over a sliding window of the last seconds, computed by the engine from
 * its own counters (cheap enough to read every second). Read it with {@code PipelineRun.liveStats()}; after the run
 * has ended it describes the run's last window.
 *
 * @param pipeline       the root pipeline's name
 * @param runId          the run id
 * @param status         {@link RunStatus#RUNNING} while the run is in progress, else how it ended
 * @param elapsed        run time so far (the whole run time once it has ended)
 * @param window         the span the rates were computed over (up to about five seconds; shorter early in a run)
 * @param produced       items produced by the producers so far
 * @param consumed       items consumed by the terminal stages so far
 * @param failed         failures so far, over every stage
 * @param itemsPerSecond items produced per second over the window
 * @param stages         every stage in topological order (internal entrances of nested pipelines left out)
 */
public record LiveStats(
        String pipeline,
        String runId,
        RunStatus status,
        Duration elapsed,
        Duration window,
        long produced,
        long consumed,
        long failed,
        double itemsPerSecond,
        List<LiveStageStats> stages) {

    public LiveStats {
        stages = List.copyOf(stages);
    }

    /**
     * The stage that limits the run now: among the stages other than producers that received items in the window,
     * the one whose workers were busiest in stage code; empty when none was measured busy.
     */
    public Optional<LiveStageStats> bottleneck() {
        return stages.stream().filter(LiveStageStats::bottleneck).findFirst();
    }
}
