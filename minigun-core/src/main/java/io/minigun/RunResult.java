package io.minigun;

import io.minigun.stats.PipelineStats;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of one run: status, totals, per-stage stats and failures. The failure count is exact; the first
 * {@value #KEPT_FAILURES} failures are kept with their item and exception.
 */
public final class RunResult {
    /** How many failures a result keeps in full. */
    public static final int KEPT_FAILURES = 100;

    private final String id;
    private final RunStatus status;
    private final PipelineStats stats;
    private final List<ItemFailure> failures;
    private final long failureCount;
    private final @Nullable Throwable cause;

    /** The result of a run, as the engine builds it when the run ends. */
    public RunResult(String id, RunStatus status, PipelineStats stats, List<ItemFailure> failures, long failureCount,
                     @Nullable Throwable cause) {
        this.id = id;
        this.status = status;
        this.stats = stats;
        this.failures = List.copyOf(failures);
        this.failureCount = failureCount;
        this.cause = cause;
    }

    /** The run's id, as {@link PipelineRun#id()}. */
    public String id() {
        return id;
    }

    /** The root pipeline's name. */
    public String pipeline() {
        return stats.pipeline();
    }

    /** How the run ended. */
    public RunStatus status() {
        return status;
    }

    /** Items produced by the source stages. */
    public long produced() {
        return stats.produced();
    }

    /** Items consumed by the terminal stages. */
    public long consumed() {
        return stats.consumed();
    }

    /** How many failures the run recorded: failed items plus stage-level failures. */
    public long failed() {
        return failureCount;
    }

    /** How long the run took, from start to its end. */
    public Duration duration() {
        return stats.runtime();
    }

    /** Totals and per-stage stats at the end of the run. */
    public PipelineStats stats() {
        return stats;
    }

    /** The first {@value #KEPT_FAILURES} failures, in the order they happened. */
    public List<ItemFailure> failures() {
        return failures;
    }

    /** What stopped the run, for {@link RunStatus#FAILED}. */
    public Optional<Throwable> cause() {
        return Optional.ofNullable(cause);
    }

    /**
     * Throws {@link PipelineExecutionException} when the run {@link RunStatus#FAILED} or completed with failures.
     *
     * @return this result, for chaining
     */
    public RunResult throwIfFailed() {
        if (status == RunStatus.FAILED || status == RunStatus.COMPLETED_WITH_FAILURES) {
            Throwable first = cause != null ? cause : failures.isEmpty() ? null : failures.get(0).exception();
            throw new PipelineExecutionException(describe(), this, first);
        }
        return this;
    }

    /** One line: pipeline, status, counts and the first failure. */
    public String describe() {
        StringBuilder text = new StringBuilder("Run ").append(id).append(" of pipeline '").append(pipeline())
                .append("' ").append(status).append(": ").append(produced()).append(" produced, ")
                .append(consumed()).append(" consumed, ").append(failureCount).append(" failed");
        if (cause != null) {
            text.append("; cause: ").append(cause);
        } else if (!failures.isEmpty()) {
            text.append("; first failure: ").append(failures.get(0));
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return describe();
    }
}
