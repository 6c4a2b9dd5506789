/**
 * What a run did: {@link io.minigun.stats.PipelineStats} for the whole run and {@link io.minigun.stats.StageStats}
 * per stage (counts, latency percentiles, busy time, queue depth). A finished run's result carries a snapshot;
 * {@link io.minigun.PipelineRun#stats()} gives live ones while it runs. Use them to find the bottleneck, print a
 * summary, or feed a dashboard.
 */
@NullMarked
package io.minigun.stats;

import org.jspecify.annotations.NullMarked;
