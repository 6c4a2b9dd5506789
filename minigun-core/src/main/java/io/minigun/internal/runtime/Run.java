package io.minigun.internal.runtime;

import io.minigun.RunContext;
import io.minigun.RunHook;
import io.minigun.RunStatus;
import io.minigun.internal.definition.PipelineGraph;
import io.minigun.internal.plan.Plan;
import io.minigun.internal.worker.WorkerPool;
import io.minigun.stats.PipelineStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One execution of a plan: builds the stage runtimes and their connections, starts the threads, records failures,
 * stops on cancellation or failure, and produces the result once every stage has ended and every thread is gone.
 */
final class Run {
    private static final Logger log = LoggerFactory.getLogger(Run.class);
    private static final long MAX_BACKOFF_NANOS = TimeUnit.HOURS.toNanos(1);
    /**
     * The next run id: consecutive from a random start, so ids never repeat in a JVM (the executor keys its active
     * runs by id) and seldom across JVMs. Printed as at least 8 hex digits.
     */
    private static final AtomicLong NEXT_ID = new AtomicLong(ThreadLocalRandom.current().nextInt() & 0xffffffffL);

    private final Plan plan;
    private final PipelineGraph graph;
    private final String id;
    private final Map<String, Object> parameters;
    private final RunWiring wiring;
    private final StageRuntime[] stages;
    private final List<ProducerStage> producers;
    final RunFailures failures = new RunFailures(this::stop);
    private final ContextPools pools;
    /** Where PROCESS stages with a keep-alive keep their workers between runs; null: nowhere. */
    private final WorkerPool workerPool;
    private final RunContext context;
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    /** What must happen at once when the run stops (killing worker JVMs, which may hold a thread in a pipe write). */
    private final List<Runnable> stopActions = new java.util.concurrent.CopyOnWriteArrayList<>();
    final Termination termination;

    volatile boolean stopping;
    private RunStatus stopStatus;
    private Throwable stopCause;
    private volatile long startNanos;
    private volatile long endNanos;

    /** A run whose PROCESS workers never outlive it, whatever their stages' keep-alive. */
    Run(Plan plan, Map<String, Object> parameters) {
        this(plan, parameters, null);
    }

    Run(Plan plan, Map<String, Object> parameters, WorkerPool workerPool) {
        this.plan = plan;
        this.workerPool = workerPool;
        this.graph = plan.graph();
        this.id = nextId();
        this.parameters = Collections.unmodifiableMap(new HashMap<>(parameters));
        this.pools = new ContextPools("minigun-" + graph.root().name() + "-" + id + "-");
        this.context = new Context();
        this.wiring = new RunWiring(this, plan);
        this.stages = wiring.stages();
        this.producers = wiring.producers();
        this.termination = new Termination(this, stages.length, wiring.topologicalIndex());
    }

    /** A run id not given out before in this JVM. */
    static String nextId() {
        return String.format("%08x", NEXT_ID.getAndIncrement());
    }

    /** The target for an item routed by name from {@code from}; throws with the reason when it cannot be. */
    Target dynamicTarget(StageRuntime from, String name) {
        return wiring.dynamicTarget(from, name);
    }

    // ---- lifecycle ---------------------------------------------------------------------------------------------

    String id() {
        return id;
    }

    Plan plan() {
        return plan;
    }

    RunContext context() {
        return context;
    }

    StageRuntime stage(int nodeId) {
        return stages[nodeId];
    }

    PipelineGraph graph() {
        return graph;
    }

    StageRuntime[] stages() {
        return stages;
    }

    List<ProducerStage> producers() {
        return producers;
    }

    ContextPools pools() {
        return pools;
    }

    WorkerPool workerPool() {
        return workerPool;
    }

    List<RunHook> beforeHooks(StageRuntime stage) {
        return wiring.beforeHooks(stage);
    }

    void markStarted() {
        startNanos = System.nanoTime();
    }

    void markEnded() {
        endNanos = System.nanoTime();
    }

    /** When the run started ({@link System#nanoTime()}), 0 before. */
    long startNanos() {
        return startNanos;
    }

    /** When the run ended ({@link System#nanoTime()}), 0 before. */
    long endNanos() {
        return endNanos;
    }

    /** The status the run ends with, once every stage has ended: the stop's status, else from the failures. */
    synchronized RunStatus endStatus() {
        return stopStatus != null ? stopStatus
                : failures.count() > 0 ? RunStatus.COMPLETED_WITH_FAILURES : RunStatus.COMPLETED;
    }

    synchronized Throwable stopCause() {
        return stopCause;
    }

    /** The hooks to run in the parent before a PROCESS stage starts its workers. */
    List<RunHook> beforeForkHooks(StageRuntime stage) {
        List<RunHook> hooks = new ArrayList<>(stage.node.scope().hooks().beforeFork());
        hooks.addAll(stage.node.scope().hooks().beforeStageFork().getOrDefault(stage.name, List.of()));
        return hooks;
    }

    List<RunHook> afterHooks(StageRuntime stage) {
        return wiring.afterHooks(stage);
    }

    /** Stops the run: producers stop, queues drain (items counted as cancelled), the status is kept. */
    void stop(RunStatus status, Throwable cause) {
        synchronized (this) {
            if (stopStatus != null) {
                return;
            }
            stopStatus = status;
            stopCause = cause;
            stopping = true;
        }
        stopSignal.countDown();
        for (Runnable action : stopActions) {
            try {
                action.run();
            } catch (RuntimeException e) {
                log.warn("Pipeline '{}': an action on stop failed", graph.root().name(), e);
            }
        }
        for (ProducerStage producer : producers) {
            Thread thread = producer.hostThread;
            if (!producer.bodyDone() && thread != null && thread != Thread.currentThread()) {
                thread.interrupt();
            }
        }
    }

    /** Runs {@code action} when the run stops, or at once when it already has. */
    void onStop(Runnable action) {
        stopActions.add(action);
        if (stopping) {
            action.run();
        }
    }

    /** Waits before a retry; false when the run started stopping meanwhile. */
    boolean backoff(Duration base, int attempt) {
        long nanos = base.toNanos();
        for (int i = 1; i < attempt && nanos < MAX_BACKOFF_NANOS; i++) {
            nanos *= 2;
        }
        try {
            stopSignal.await(Math.min(nanos, MAX_BACKOFF_NANOS), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.interrupted();
        }
        return !stopping;
    }

    /** Whether nothing is running or queued anywhere (see {@link Termination}). */
    boolean isQuiet() {
        for (ProducerStage producer : producers) {
            if (!producer.bodyDone()) {
                return false;
            }
        }
        if (plan.isForceInline()) {
            return true;
        }
        long[] handled = new long[stages.length];
        for (int i = 0; i < stages.length; i++) {
            handled[i] = stages[i].completedElements();
        }
        for (int i = 0; i < stages.length; i++) {
            StageQueue queue = stages[i].queue != null ? stages[i].queue : stages[i].inbox;
            if (queue != null && queue.putCount() != handled[i]) {
                return false;
            }
        }
        return true;
    }

    // ---- stats -------------------------------------------------------------------------------------------------

    PipelineStats stats() {
        return RunStats.of(graph, stages, startNanos, endNanos);
    }

    private final class Context implements RunContext {
        @Override
        public String runId() {
            return id;
        }

        @Override
        public String pipelineName() {
            return graph.root().name();
        }

        @Override
        public Map<String, Object> parameters() {
            return parameters;
        }

        @Override
        public boolean isCancelled() {
            return stopping;
        }
    }
}
