package io.minigun.execution;

import io.minigun.Output;
import io.minigun.Pipeline;
import io.minigun.PipelineAbortException;
import io.minigun.ProcessorFunction;
import io.minigun.RunContext;
import io.minigun.internal.definition.StageBodies;
import io.minigun.remote.Emission;
import io.minigun.remote.RemoteOutcome;
import io.minigun.remote.RemoteTransport;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Runs a remote stage's items where they arrive (the worker side of a {@link RemoteTransport}): the stage's own code,
 * with the retries and exponential backoff its plan gives it, collecting what each item emits so that the transport
 * sends it back in one piece. Emissions of a failed attempt are dropped: only the attempt that succeeds is sent. An
 * {@link Error} or a {@link PipelineAbortException} is not retried; the coordinator aborts the run on it as it does
 * for a local stage. Thread-safe: one runner serves every consumer thread of the stage.
 */
public final class RemoteStageRunner {
    private final String pipelineName;
    private final String stage;
    private final ProcessorFunction<Object, Object> body;
    private final int retries;
    private final long backoffNanos;

    private RemoteStageRunner(String pipelineName, String stage, ProcessorFunction<Object, Object> body, int retries,
                              long backoffNanos) {
        this.pipelineName = pipelineName;
        this.stage = stage;
        this.body = body;
        this.retries = retries;
        this.backoffNanos = backoffNanos;
    }

    /**
     * The runner of {@code pipeline}'s stage {@code stage}, a processor or consumer.
     *
     * @throws IllegalArgumentException when the pipeline has no such stage, or it is not a processor or consumer
     */
    @SuppressWarnings("unchecked")
    public static RemoteStageRunner of(Pipeline pipeline, String stage) {
        PlannedStage planned = pipeline.plan().stage(stage);
        if (!planned.kind().equals("processor") && !planned.kind().equals("consumer")) {
            throw new IllegalArgumentException("Stage '" + stage + "' of pipeline '" + pipeline.name() + "' is a "
                    + planned.kind() + "; only a processor or consumer can run remotely");
        }
        Object body = pipeline.workerStage(stage).body();
        return new RemoteStageRunner(pipeline.name(), stage, (ProcessorFunction<Object, Object>) body,
                planned.retries(), planned.backoff().toNanos());
    }

    /** The stage this runner runs. */
    public String stage() {
        return stage;
    }

    /**
     * Runs one item of run {@code runId} to its outcome.
     *
     * @param cancelled whether the run was cancelled: stage code sees it in {@link RunContext#isCancelled()}, and no
     *                  retry starts once it is true
     */
    public RemoteOutcome run(Object item, String runId, Map<String, @Nullable Object> parameters,
                             BooleanSupplier cancelled) {
        Collector output = new Collector(stage, new Context(runId, pipelineName, parameters, cancelled));
        int attempts = 0;
        while (true) {
            attempts++;
            long start = System.nanoTime();
            try {
                body.process(item, output);
                return new RemoteOutcome(output.emissions, null, attempts, System.nanoTime() - start);
            } catch (Throwable t) {
                output.emissions.clear();
                if (t instanceof Error || t instanceof PipelineAbortException || attempts > retries
                        || cancelled.getAsBoolean() || !backOff(attempts)) {
                    return new RemoteOutcome(List.of(), t, attempts, 0L);
                }
            }
        }
    }

    /** Waits before retry {@code attempts}; false when interrupted (the item fails with its last error). */
    private boolean backOff(int attempts) {
        try {
            TimeUnit.NANOSECONDS.sleep(Math.min(backoffNanos << Math.min(attempts - 1, 30), TimeUnit.HOURS.toNanos(1)));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private record Context(String runId, String pipelineName, Map<String, @Nullable Object> parameters,
                           BooleanSupplier cancelled) implements RunContext {
        @Override
        public boolean isCancelled() {
            return cancelled.getAsBoolean();
        }
    }

    /** The stage's output: emissions kept in order, with their targets, until the item's outcome is known. */
    private static final class Collector implements Output<Object> {
        private final String stage;
        private final RunContext context;
        private final List<Emission> emissions;
        private final @Nullable String target;

        Collector(String stage, RunContext context) {
            this(stage, context, new ArrayList<>(1), null);
        }

        private Collector(String stage, RunContext context, List<Emission> emissions, @Nullable String target) {
            this.stage = stage;
            this.context = context;
            this.emissions = emissions;
            this.target = target;
        }

        @Override
        public void emit(Object item) {
            if (item == null) {
                throw StageBodies.nullItem(stage);
            }
            emissions.add(new Emission(target, item));
        }

        @Override
        @SuppressWarnings("unchecked")
        public <R> Output<R> to(String targetStage) {
            return (Output<R>) new Collector(stage, context, emissions, targetStage);
        }

        @Override
        public RunContext context() {
            return context;
        }
    }
}
