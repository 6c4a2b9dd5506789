package io.minigun.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.minigun.Pipeline;
import io.minigun.PipelineRun;
import io.minigun.RunResult;
import io.minigun.RunStatus;
import io.minigun.execution.ExecutionPlan;
import io.minigun.execution.PipelineExecutor;
import io.minigun.execution.RunListener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Publishes the pipelines of a {@link PipelineExecutor} to Micrometer.
 *
 * <p>Meters (all tagged {@code pipeline}; stage meters also {@code stage}, the stage name, or
 * {@code nested/stage} for a stage of a nested pipeline):
 * <ul>
 *   <li>{@value #STAGE_ITEMS} (function counter, {@code items}; tag {@code outcome} = {@code success} |
 *       {@code failure} | {@code retry}): items a stage handled, by outcome (a producer's successes are the items it
 *       produced);</li>
 *   <li>{@value #STAGE_DURATION} (function timer, same tags): time the stage's code ran, by outcome. The engine
 *       samples latencies (every item of a slow stage, down to one in 128 of a fast one), so the total time is an
 *       estimate (the stage's busy time, shared among the outcomes by their counts); the count is exact;</li>
 *   <li>{@value #STAGE_QUEUE_SIZE} (gauge, {@code items}): items waiting in the stage's input queue, over the active
 *       runs;</li>
 *   <li>{@value #STAGE_WORKERS_ACTIVE} (gauge, {@code threads}): the stage's workers handling an item right now;</li>
 *   <li>{@value #PIPELINE_RUNS} (function timer; tag {@code status} = the lowercase {@link RunStatus} name): finished
 *       runs and their duration;</li>
 *   <li>{@value #PIPELINE_ACTIVE} (gauge, {@code runs}): runs in progress.</li>
 * </ul>
 *
 * <p>Nothing is created on the per-item path: meters are registered once per pipeline (when it is built and
 * registered, see {@link #registerMetricsFor(Pipeline)}, and at the latest when it first runs), and they read
 * cumulative totals: what finished runs did (added up as each run ends) plus the live stats of the runs in progress
 * (read at most once per {@code liveStatsTtl}, whatever the number of meters read). Create it with
 * {@link #forExecutor(PipelineExecutor)}, which also registers it as a {@link RunListener}.
 */
public final class MinigunMeterBinder implements MeterBinder, RunListener, AutoCloseable {
    /** Items a stage handled, by outcome. */
    public static final String STAGE_ITEMS = "minigun.stage.items";
    /** Time a stage's code ran, by outcome. */
    public static final String STAGE_DURATION = "minigun.stage.duration";
    /** Items waiting in a stage's input queue. */
    public static final String STAGE_QUEUE_SIZE = "minigun.stage.queue.size";
    /** Workers of a stage handling an item right now. */
    public static final String STAGE_WORKERS_ACTIVE = "minigun.stage.workers.active";
    /** Finished runs, by status. */
    public static final String PIPELINE_RUNS = "minigun.pipeline.runs";
    /** Runs in progress. */
    public static final String PIPELINE_ACTIVE = "minigun.pipeline.active";

    /** Tag key: the root pipeline's name. */
    public static final String TAG_PIPELINE = "pipeline";
    /** Tag key: the stage name ({@code nested/stage} inside a nested pipeline). */
    public static final String TAG_STAGE = "stage";
    /** Tag key of the stage meters: {@code success}, {@code failure} or {@code retry}. */
    public static final String TAG_OUTCOME = "outcome";
    /** Tag key of {@value #PIPELINE_RUNS}: the lowercase run status. */
    public static final String TAG_STATUS = "status";

    private static final String ITEMS = "items";

    private final PipelineExecutor executor;
    private final long liveStatsTtlNanos;
    private final Map<String, PipelineTotals> totals = new ConcurrentHashMap<>();
    private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();
    private final Map<MeterRegistry, Set<String>> registered = new ConcurrentHashMap<>();
    private final List<Registered> meters = new CopyOnWriteArrayList<>();

    private MinigunMeterBinder(PipelineExecutor executor, Duration liveStatsTtl) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.liveStatsTtlNanos = Objects.requireNonNull(liveStatsTtl, "liveStatsTtl").toNanos();
    }

    /** A binder for the executor's pipelines, listening to its runs; live stats are read at most once a second. */
    public static MinigunMeterBinder forExecutor(PipelineExecutor executor) {
        return forExecutor(executor, Duration.ofSeconds(1));
    }

    /**
     * A binder for the executor's pipelines, listening to its runs.
     *
     * @param liveStatsTtl how long a snapshot of the live stats of active runs is reused by the meters
     */
    public static MinigunMeterBinder forExecutor(PipelineExecutor executor, Duration liveStatsTtl) {
        MinigunMeterBinder binder = new MinigunMeterBinder(executor, liveStatsTtl);
        executor.addListener(binder);
        return binder;
    }

    /** Registers the meters of every pipeline the executor knows now, and of those registered later. */
    @Override
    public void bindTo(MeterRegistry registry) {
        if (!registries.contains(registry)) {
            registries.add(registry);
        }
        for (String name : executor.pipelineNames()) {
            register(registry, executor.plan(name));
        }
        for (PipelineTotals pipeline : totals.values()) {
            register(registry, pipeline.plan);
        }
    }

    /** Registers the meters of a pipeline in every registry this binder is bound to (idempotent). */
    public void registerMetricsFor(Pipeline pipeline) {
        registerMetricsFor(pipeline.plan());
    }

    /** Registers the meters of a planned pipeline in every registry this binder is bound to (idempotent). */
    public void registerMetricsFor(ExecutionPlan plan) {
        for (MeterRegistry registry : registries) {
            register(registry, plan);
        }
        totalsOf(plan);
    }

    @Override
    public void runStarted(PipelineRun run, ExecutionPlan plan) {
        registerMetricsFor(plan);
        totalsOf(plan).started(run);
    }

    @Override
    public void runFinished(RunResult result, ExecutionPlan plan) {
        totalsOf(plan).finished(result);
    }

    /** Removes every meter this binder registered. */
    @Override
    public void close() {
        for (Registered meter : meters) {
            meter.registry.remove(meter.meter);
        }
        meters.clear();
        registered.clear();
        registries.clear();
    }

    private PipelineTotals totalsOf(ExecutionPlan plan) {
        return totals.computeIfAbsent(plan.pipelineName(), name -> new PipelineTotals(plan, liveStatsTtlNanos));
    }

    private void register(MeterRegistry registry, ExecutionPlan plan) {
        String pipeline = plan.pipelineName();
        Set<String> done = registered.computeIfAbsent(registry, r -> ConcurrentHashMap.newKeySet());
        if (!done.add(pipeline)) {
            return;
        }
        PipelineTotals t = totalsOf(plan);
        for (String stage : t.stageKeys()) {
            for (Outcome outcome : Outcome.values()) {
                keep(registry, FunctionCounter.builder(STAGE_ITEMS, t, x -> x.count(stage, outcome))
                        .description("Items a Minigun stage handled, by outcome (success, failure, or retry: "
                                + "a failed attempt that will be retried)")
                        .baseUnit(ITEMS)
                        .tags(TAG_PIPELINE, pipeline, TAG_STAGE, stage, TAG_OUTCOME, outcome.tag)
                        .register(registry));
                keep(registry, FunctionTimer.builder(STAGE_DURATION, t, x -> x.count(stage, outcome),
                                x -> x.nanos(stage, outcome), TimeUnit.NANOSECONDS)
                        .description("Time a Minigun stage's code ran, by outcome (estimated from sampled "
                                + "latencies; the count is exact)")
                        .tags(TAG_PIPELINE, pipeline, TAG_STAGE, stage, TAG_OUTCOME, outcome.tag)
                        .register(registry));
            }
            keep(registry, Gauge.builder(STAGE_QUEUE_SIZE, t, x -> x.queued(stage))
                    .description("Items waiting in a Minigun stage's input queue, over the runs in progress")
                    .baseUnit(ITEMS)
                    .tags(TAG_PIPELINE, pipeline, TAG_STAGE, stage)
                    .strongReference(true)
                    .register(registry));
            keep(registry, Gauge.builder(STAGE_WORKERS_ACTIVE, t, x -> x.activeWorkers(stage))
                    .description("Workers of a Minigun stage handling an item right now, over the runs in progress")
                    .baseUnit(BaseUnits.THREADS)
                    .tags(TAG_PIPELINE, pipeline, TAG_STAGE, stage)
                    .strongReference(true)
                    .register(registry));
        }
        for (RunStatus status : RunStatus.values()) {
            if (status == RunStatus.RUNNING) {
                continue;
            }
            keep(registry, FunctionTimer.builder(PIPELINE_RUNS, t, x -> x.runs(status), x -> x.runNanos(status),
                            TimeUnit.NANOSECONDS)
                    .description("Finished runs of a Minigun pipeline and their duration, by status")
                    .tags(TAG_PIPELINE, pipeline, TAG_STATUS, status.name().toLowerCase(Locale.ROOT))
                    .register(registry));
        }
        keep(registry, Gauge.builder(PIPELINE_ACTIVE, t, PipelineTotals::activeRuns)
                .description("Runs of a Minigun pipeline in progress")
                .baseUnit("runs")
                .tags(TAG_PIPELINE, pipeline)
                .strongReference(true)
                .register(registry));
    }

    private void keep(MeterRegistry registry, Meter meter) {
        meters.add(new Registered(registry, meter));
    }

    /** Outcome tag values of the stage meters. */
    enum Outcome {
        SUCCESS("success"), FAILURE("failure"), RETRY("retry");

        final String tag;

        Outcome(String tag) {
            this.tag = tag;
        }
    }

    private record Registered(MeterRegistry registry, Meter meter) {
    }

    /** Stage keys of a plan, as used in the {@code stage} tag (routers excluded). */
    static List<String> stageKeys(ExecutionPlan plan) {
        List<String> keys = new ArrayList<>();
        String root = plan.pipelineName();
        plan.stages().forEach(stage -> keys.add(StageKey.of(root, stage.pipeline(), stage.name())));
        return keys;
    }
}
