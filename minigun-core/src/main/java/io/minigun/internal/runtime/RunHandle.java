package io.minigun.internal.runtime;

import io.minigun.PipelineExecutionException;
import io.minigun.PipelineRun;
import io.minigun.RunResult;
import io.minigun.RunStatus;
import io.minigun.stats.LiveStats;
import io.minigun.stats.PipelineStats;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The caller's handle on a run. */
final class RunHandle implements PipelineRun {
    private final Run run;
    private final CompletableFuture<RunResult> completion;
    /** Created by the first {@link #liveStats()} call. */
    private LiveStatsReader live;

    RunHandle(Run run, CompletableFuture<RunResult> completion) {
        this.run = run;
        this.completion = completion;
    }

    @Override
    public String id() {
        return run.id();
    }

    @Override
    public String pipeline() {
        return run.plan().pipelineName();
    }

    @Override
    public RunResult await() {
        try {
            return check(completion.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for run " + id(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("run " + id() + " ended abnormally", e.getCause());
        }
    }

    @Override
    public RunResult await(Duration timeout) throws TimeoutException {
        try {
            return check(completion.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for run " + id(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("run " + id() + " ended abnormally", e.getCause());
        }
    }

    @Override
    public void cancel() {
        run.stop(RunStatus.CANCELLED, null);
    }

    @Override
    public PipelineStats stats() {
        return completion.isDone() ? completion.join().stats() : run.stats();
    }

    @Override
    public LiveStats liveStats() {
        LiveStatsReader reader;
        synchronized (this) {
            if (live == null) {
                live = new LiveStatsReader(run);
            }
            reader = live;
        }
        return reader.read(completion.isDone() ? completion.join().status() : RunStatus.RUNNING);
    }

    @Override
    public boolean isDone() {
        return completion.isDone();
    }

    @Override
    public Optional<RunResult> result() {
        return completion.isDone() ? Optional.of(completion.join()) : Optional.empty();
    }

    static RunResult check(RunResult result) {
        if (result.status() == RunStatus.FAILED) {
            throw new PipelineExecutionException(result.describe(), result, result.cause().orElse(null));
        }
        return result;
    }

    @Override
    public String toString() {
        return "Run " + id() + " of pipeline '" + pipeline() + "'";
    }
}
