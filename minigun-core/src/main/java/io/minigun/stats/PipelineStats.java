package io.minigun.stats;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a run did, stage by stage (a snapshot; live while the run is in progress). Stages are listed in topological
 * order; the internal entrances of nested pipelines are never listed.
 */
public final class PipelineStats {
    private final String pipeline;
    private final Duration runtime;
    private final long produced;
    private final long consumed;
    private final List<StageStats> stages;

    public PipelineStats(String pipeline, Duration runtime, long produced, long consumed, List<StageStats> stages) {
        this.pipeline = pipeline;
        this.runtime = runtime;
        this.produced = produced;
        this.consumed = consumed;
        this.stages = List.copyOf(stages);
    }

    public String pipeline() {
        return pipeline;
    }

    public Duration runtime() {
        return runtime;
    }

    /** Items produced by the source stages (producers). */
    public long produced() {
        return produced;
    }

    /** Items consumed by the terminal stages (stages with no downstream). */
    public long consumed() {
        return consumed;
    }

    /** Produced items per second of run time. */
    public double throughput() {
        double seconds = runtime.toNanos() / 1e9;
        return seconds <= 0 ? 0 : produced / seconds;
    }

    /** Every stage, in topological order. */
    public List<StageStats> stages() {
        return stages;
    }

    /**
     * The stats of the named stage: a root pipeline stage of that name first, else the only stage of that name in
     * the tree; {@code "pipeline/stage"} names one exactly.
     *
     * @throws IllegalArgumentException when no stage or several stages have that name
     */
    public StageStats stage(String name) {
        List<StageStats> exact = stages.stream()
                .filter(s -> name.equals(s.pipeline() + "/" + s.name()) || name.equals(qualified(s)))
                .toList();
        if (exact.size() == 1) {
            return exact.get(0);
        }
        List<StageStats> named = stages.stream().filter(s -> s.name().equals(name)).toList();
        List<StageStats> root = named.stream().filter(s -> s.pipeline().equals(pipeline)).toList();
        if (root.size() == 1) {
            return root.get(0);
        }
        if (named.size() == 1) {
            return named.get(0);
        }
        if (named.isEmpty()) {
            throw new IllegalArgumentException("No stage '" + name + "' in pipeline '" + pipeline + "'; stages: "
                    + stages.stream().map(StageStats::name).collect(Collectors.joining(", ")));
        }
        throw new IllegalArgumentException("Stage name '" + name + "' is ambiguous in pipeline '" + pipeline
                + "': " + named.stream().map(s -> s.pipeline() + "/" + s.name()).collect(Collectors.joining(", "))
                + "; use the qualified name");
    }

    /**
     * The stage that limits the run: among the stages that processed items (producers aside), the one whose code
     * kept its workers busiest (estimated busy time divided by workers); ties go to the lower throughput.
     */
    public Optional<StageStats> bottleneck() {
        return stages.stream()
                .filter(s -> !"producer".equals(s.kind()) && s.consumed() > 0)
                .max(Comparator.<StageStats>comparingDouble(s -> s.busy().toNanos() / (double) Math.max(1, s.workers()))
                        .thenComparing(Comparator.comparingDouble(StageStats::throughput).reversed()));
    }

    /** A readable multi-line summary: totals, throughput, bottleneck, then one line per stage. */
    public String summary() {
        StringBuilder text = new StringBuilder();
        text.append("Pipeline '").append(pipeline).append("': ").append(produced).append(" produced, ")
                .append(consumed).append(" consumed in ").append(Durations.format(runtime))
                .append(String.format(" (%,.0f items/s)", throughput())).append('\n');
        bottleneck().ifPresent(b -> text.append("Bottleneck: ").append(b.name())
                .append(String.format(" (%,.0f items/s)", b.throughput())).append('\n'));
        for (StageStats stage : stages) {
            text.append("  ").append(stage.line()).append('\n');
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return summary();
    }

    private String qualified(StageStats stats) {
        String prefix = pipeline + "/";
        String path = stats.pipeline().startsWith(prefix) ? stats.pipeline().substring(prefix.length())
                : stats.pipeline();
        return path + "/" + stats.name();
    }
}
