package io.minigun.spring.boot.actuate.endpoint;

import io.minigun.PipelineRun;
import io.minigun.RunResult;
import io.minigun.execution.ExecutionPlan;
import io.minigun.execution.PipelineExecutor;
import io.minigun.execution.PlannedStage;
import io.minigun.monitoring.RunHistory;
import io.minigun.stats.PipelineStats;
import io.minigun.stats.StageStats;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code minigun} actuator endpoint.
 * <ul>
 *   <li>{@code GET /actuator/minigun}: every registered pipeline with its plan, active runs and last run
 *       ({@link PipelinesDescriptor});</li>
 *   <li>{@code GET /actuator/minigun/{pipeline}}: one pipeline, with the live stats of its active runs
 *       ({@link PipelineDescriptor}); 404 for an unknown name;</li>
 *   <li>{@code POST /actuator/minigun/{pipeline}}: starts a run and answers its id ({@link StartedRun});</li>
 *   <li>{@code DELETE /actuator/minigun/{pipeline}}: cancels the pipeline's active runs ({@link CancelledRuns}).</li>
 * </ul>
 * Writes answer 400 for an unknown pipeline. The endpoint is not exposed unless the application exposes it, and its
 * writes follow {@code management.endpoint.minigun.access} ({@code read-only} turns them off).
 */
@Endpoint(id = "minigun")
public class MinigunEndpoint {
    private final PipelineExecutor executor;
    private final RunHistory history;

    /** An endpoint over the executor's pipelines; it starts remembering each pipeline's last result now. */
    public MinigunEndpoint(PipelineExecutor executor) {
        this.executor = executor;
        this.history = RunHistory.forExecutor(executor);
    }

    /** Every registered pipeline. */
    @ReadOperation
    public PipelinesDescriptor pipelines() {
        List<PipelineDescriptor> pipelines = new ArrayList<>();
        for (String name : executor.pipelineNames()) {
            pipelines.add(describe(name));
        }
        return new PipelinesDescriptor(pipelines);
    }

    /** One pipeline, or {@code null} (404) when there is none of that name. */
    @ReadOperation
    public @Nullable PipelineDescriptor pipeline(@Selector String pipeline) {
        return executor.pipelineNames().contains(pipeline) ? describe(pipeline) : null;
    }

    /** Starts a run of the pipeline in the background. */
    @WriteOperation
    public StartedRun start(@Selector String pipeline) {
        requireKnown(pipeline);
        PipelineRun run = executor.start(pipeline);
        return new StartedRun(pipeline, run.id());
    }

    /** Cancels the pipeline's active runs (each ends {@code CANCELLED} once its queues have drained). */
    @DeleteOperation
    public CancelledRuns cancel(@Selector String pipeline) {
        requireKnown(pipeline);
        List<String> ids = new ArrayList<>();
        for (PipelineRun run : executor.activeRuns(pipeline)) {
            run.cancel();
            ids.add(run.id());
        }
        return new CancelledRuns(pipeline, ids);
    }

    private void requireKnown(String pipeline) {
        if (!executor.pipelineNames().contains(pipeline)) {
            throw new InvalidEndpointRequestException("No pipeline named '" + pipeline + "'; known pipelines: "
                    + executor.pipelineNames(), "Unknown pipeline");
        }
    }

    private PipelineDescriptor describe(String name) {
        ExecutionPlan plan = executor.plan(name);
        List<StageDescriptor> stages = new ArrayList<>();
        for (PlannedStage stage : plan.stages()) {
            stages.add(new StageDescriptor(stage.name(), stage.pipeline(), stage.kind(), stage.placement(),
                    stage.contextType().name(), stage.contextName(), stage.workers(), stage.queueCapacity(),
                    stage.colocatedWith(), stage.transport()));
        }
        List<RunDescriptor> active = new ArrayList<>();
        for (PipelineRun run : executor.activeRuns(name)) {
            active.add(RunDescriptor.live(run));
        }
        RunDescriptor last = history.lastResult(name).map(RunDescriptor::of).orElse(null);
        return new PipelineDescriptor(name, stages, PlanEdges.of(plan), plan.describe(), active, last);
    }

    /**
     * Every registered pipeline.
     *
     * @param pipelines the pipelines, sorted by name
     */
    public record PipelinesDescriptor(List<PipelineDescriptor> pipelines) implements OperationResponseBody {
    }

    /**
     * One pipeline.
     *
     * @param name       the pipeline name
     * @param stages     its stages in topological order, with what the plan decided for each
     * @param edges      the static edges between its stages (through nested pipelines' entrances)
     * @param plan       the plan as a readable table ({@code ExecutionPlan.describe()})
     * @param activeRuns its runs in progress, with live stats
     * @param lastRun    its last finished run, or {@code null} when it has not finished one
     */
    public record PipelineDescriptor(String name, List<StageDescriptor> stages, List<EdgeDescriptor> edges, String plan,
                                     List<RunDescriptor> activeRuns, @Nullable RunDescriptor lastRun)
            implements OperationResponseBody {
    }

    /**
     * What the execution plan decided for one stage.
     *
     * @param name          the stage name
     * @param pipeline      the pipeline that declares it ({@code root/nested} for a nested pipeline)
     * @param kind          producer, processor, accumulator, consumer, stage or pipeline
     * @param placement     how it runs: producer, workers, dispatch, colocated, drain, process, remote, inline or
     *                      caller
     * @param contextType   the resolved context type (THREAD, VIRTUAL, INLINE, PROCESS)
     * @param context       the named context it runs in, or {@code null}
     * @param workers       its worker count
     * @param queueCapacity its input queue capacity (0 without a queue)
     * @param colocatedWith the upstream stage it is fused with, or {@code null}
     * @param transport     what carries a remote stage's items to the instances that run them ({@code kafka}), or
     *                      {@code null} for a stage that runs here
     */
    public record StageDescriptor(String name, String pipeline, String kind, String placement, String contextType,
                                  @Nullable String context, int workers, int queueCapacity,
                                  @Nullable String colocatedWith, @Nullable String transport) {
    }

    /**
     * A static edge: items of {@code from} go to {@code to}, through {@code to}'s input queue unless fused.
     *
     * @param from  the sending stage, {@code pipeline/name}
     * @param to    the receiving stage, {@code pipeline/name}
     * @param fused whether {@code to} runs fused with {@code from} (a direct call, no queue)
     */
    public record EdgeDescriptor(String from, String to, boolean fused) {
    }

    /**
     * One run: its status and counts, live for an active run.
     *
     * @param id             the run id
     * @param pipeline       the pipeline name
     * @param status         RUNNING, COMPLETED, COMPLETED_WITH_FAILURES, FAILED or CANCELLED
     * @param produced       items produced by the producers
     * @param consumed       items consumed by the terminal stages
     * @param failed         failures recorded (items and stages)
     * @param durationMillis run time so far, in milliseconds
     * @param bottleneck     the slowest stage that processed items, or {@code null}
     * @param stages         per-stage stats in topological order
     * @param live           for an active run, its live figures over the engine's sliding window; else {@code null}
     */
    public record RunDescriptor(String id, String pipeline, String status, long produced, long consumed, long failed,
                                long durationMillis, @Nullable String bottleneck, List<StageStatsDescriptor> stages,
                                @Nullable LiveRunDescriptor live) {

        static RunDescriptor live(PipelineRun run) {
            PipelineStats stats = run.stats();
            long failed = 0;
            for (StageStats stage : stats.stages()) {
                failed += stage.failed();
            }
            return of(run.id(), run.isDone() ? run.result().map(r -> r.status().name()).orElse("RUNNING")
                    : "RUNNING", stats, failed, LiveRunDescriptor.of(run.liveStats()));
        }

        static RunDescriptor of(RunResult result) {
            return of(result.id(), result.status().name(), result.stats(), result.failed(), null);
        }

        private static RunDescriptor of(String id, String status, PipelineStats stats, long failed,
                                        @Nullable LiveRunDescriptor live) {
            List<StageStatsDescriptor> stages = new ArrayList<>();
            for (StageStats stage : stats.stages()) {
                stages.add(StageStatsDescriptor.of(stage));
            }
            return new RunDescriptor(id, stats.pipeline(), status, stats.produced(), stats.consumed(), failed,
                    stats.runtime().toMillis(), stats.bottleneck().map(StageStats::name).orElse(null), stages, live);
        }
    }

    /**
     * What one stage did in one run.
     *
     * @param name          the stage name
     * @param pipeline      the pipeline that declares it
     * @param produced      items it emitted
     * @param consumed      items it received
     * @param succeeded     items it processed successfully
     * @param failed        items (or stage-level failures) that failed
     * @param retried       retry attempts
     * @param cancelled     items cancelled
     * @param queued        items waiting in its input queue now
     * @param activeWorkers workers handling an item now
     * @param throughput    items per second
     */
    public record StageStatsDescriptor(String name, String pipeline, long produced, long consumed, long succeeded,
                                       long failed, long retried, long cancelled, long queued, int activeWorkers,
                                       double throughput) {

        static StageStatsDescriptor of(StageStats stats) {
            return new StageStatsDescriptor(stats.name(), stats.pipeline(), stats.produced(), stats.consumed(),
                    stats.succeeded(), stats.failed(), stats.retried(), stats.cancelled(), stats.queued(),
                    stats.activeWorkers(), stats.throughput());
        }
    }

    /**
     * A run started by {@code POST}.
     *
     * @param pipeline the pipeline name
     * @param runId    the id of the new run
     */
    public record StartedRun(String pipeline, String runId) implements OperationResponseBody {
    }

    /**
     * Runs cancelled by {@code DELETE}.
     *
     * @param pipeline the pipeline name
     * @param runIds   the ids of the runs asked to cancel (empty when none was active)
     */
    public record CancelledRuns(String pipeline, List<String> runIds) implements OperationResponseBody {
    }
}
