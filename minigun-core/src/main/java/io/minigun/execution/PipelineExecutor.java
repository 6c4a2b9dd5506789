package io.minigun.execution;

import io.minigun.Pipeline;
import io.minigun.PipelineRun;
import io.minigun.RunResult;
import io.minigun.internal.definition.GraphBuilder;
import io.minigun.internal.definition.PipelineDefinition;
import io.minigun.internal.definition.PipelineGraph;
import io.minigun.internal.plan.ExecutionPlanner;
import io.minigun.PipelineSettings;
import io.minigun.internal.worker.WorkerPool;
import io.minigun.internal.runtime.RunLauncher;
import io.minigun.internal.runtime.RunObserver;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;

/**
 * Builds execution plans and runs them. Holds the defaults every pipeline inherits (concurrency, queue size, named
 * contexts), the pipelines registered by name, the runs in progress, and the worker pool where PROCESS stages
 * with a keep-alive ({@link io.minigun.process.ProcessOptions#withKeepAlive}) keep their worker JVMs warm between
 * runs. Each run opens its own context pools and closes them when it ends, so runs are independent and leave no
 * thread behind; warm workers and the pool's threads end when the executor is closed.
 *
 * <p>Not an {@link java.util.concurrent.Executor}: it runs pipelines, not tasks.
 */
public final class PipelineExecutor implements AutoCloseable {
    private static final Object SHARED_LOCK = new Object();
    private static @Nullable PipelineExecutor shared;

    private final PipelineSettings defaults;
    private final List<RunListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, Pipeline> pipelines = new ConcurrentHashMap<>();
    private final Map<String, PipelineRun> active = new ConcurrentHashMap<>();
    private final WorkerPool workerPool = new WorkerPool();

    /** An executor with the library defaults. */
    public PipelineExecutor() {
        this(PipelineSettings.defaults());
    }

    /** An executor whose pipelines inherit {@code defaults}. */
    public PipelineExecutor(PipelineSettings defaults) {
        this.defaults = Objects.requireNonNull(defaults, "defaults");
    }

    /** The executor used by pipelines built without one. */
    public static PipelineExecutor shared() {
        synchronized (SHARED_LOCK) {
            if (shared == null) {
                shared = new PipelineExecutor();
            }
            return shared;
        }
    }

    public PipelineSettings defaults() {
        return defaults;
    }

    /** Adds a listener that hears about every run of this executor. */
    public PipelineExecutor addListener(RunListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /** Removes a listener added with {@link #addListener}. */
    public PipelineExecutor removeListener(RunListener listener) {
        listeners.remove(listener);
        return this;
    }

    // ---- building ----------------------------------------------------------------------------------------------

    /**
     * Wires, validates and plans a definition, with this executor's defaults. Internal: the hand-off from
     * {@code PipelineBuilder.build()}, which owns the definition, to the executor, which owns the defaults (the two
     * packages SPEC §5 fixes apart); use {@link io.minigun.PipelineBuilder#executor} and {@code build()} instead.
     *
     * @throws io.minigun.PipelineDefinitionException when the definition is wrong
     */
    public ExecutionPlan planOf(PipelineDefinition definition) {
        PipelineGraph graph = GraphBuilder.build(definition, defaults);
        return new ExecutionPlan(ExecutionPlanner.plan(graph));
    }

    /** Registers a pipeline under its name, for {@link #run(String)} and friends. */
    public Pipeline register(Pipeline pipeline) {
        Pipeline previous = pipelines.putIfAbsent(pipeline.name(), pipeline);
        if (previous != null && previous != pipeline) {
            throw new IllegalArgumentException("A pipeline named '" + pipeline.name() + "' is already registered; "
                    + "pipeline names must be unique");
        }
        return pipeline;
    }

    /** The names of the registered pipelines, sorted. */
    public Set<String> pipelineNames() {
        return new TreeSet<>(pipelines.keySet());
    }

    /** The registered pipeline of that name. */
    public Pipeline pipeline(String name) {
        Pipeline pipeline = pipelines.get(name);
        if (pipeline == null) {
            throw new IllegalArgumentException("No pipeline named '" + name + "'; registered pipelines: "
                    + pipelineNames());
        }
        return pipeline;
    }

    /** The plan of the registered pipeline of that name. */
    public ExecutionPlan plan(String name) {
        return pipeline(name).plan();
    }

    // ---- running -----------------------------------------------------------------------------------------------

    public RunResult run(String name) {
        return run(pipeline(name), Map.of());
    }

    public RunResult run(String name, Map<String, @Nullable Object> parameters) {
        return run(pipeline(name), parameters);
    }

    public PipelineRun start(String name) {
        return start(pipeline(name), Map.of());
    }

    public PipelineRun start(String name, Map<String, @Nullable Object> parameters) {
        return start(pipeline(name), parameters);
    }

    /** Runs a pipeline on the caller's thread until it ends. */
    public RunResult run(Pipeline pipeline, Map<String, @Nullable Object> parameters) {
        return RunLauncher.run(pipeline.plan().plan(), Objects.requireNonNull(parameters, "parameters"),
                observers(pipeline.plan()), workerPool);
    }

    /** Starts a run in the background. */
    public PipelineRun start(Pipeline pipeline, Map<String, @Nullable Object> parameters) {
        return RunLauncher.start(pipeline.plan().plan(), Objects.requireNonNull(parameters, "parameters"),
                observers(pipeline.plan()), workerPool);
    }

    /**
     * What a run of {@code plan} tells: first this executor's table of active runs, then every listener, with the
     * plan.
     */
    private List<RunObserver> observers(ExecutionPlan plan) {
        List<RunObserver> observers = new ArrayList<>(listeners.size() + 1);
        observers.add(new RunObserver() {
            @Override
            public void runStarted(PipelineRun run) {
                active.put(run.id(), run);
            }

            @Override
            public void runFinished(RunResult result) {
                active.remove(result.id());
            }
        });
        for (RunListener listener : listeners) {
            observers.add(new RunObserver() {
                @Override
                public void runStarted(PipelineRun run) {
                    listener.runStarted(run, plan);
                }

                @Override
                public void runFinished(RunResult result) {
                    listener.runFinished(result, plan);
                }

                @Override
                public String toString() {
                    return listener.toString();
                }
            });
        }
        return observers;
    }

    /** The runs in progress. */
    public List<PipelineRun> activeRuns() {
        return new ArrayList<>(active.values());
    }

    /** The runs of one pipeline in progress. */
    public List<PipelineRun> activeRuns(String pipeline) {
        return active.values().stream().filter(r -> r.pipeline().equals(pipeline)).toList();
    }

    /**
     * Cancels every run in progress and waits up to {@code timeout} for them to end.
     *
     * @return whether every run ended in time
     */
    public boolean cancelAll(Duration timeout) {
        return cancel(activeRuns(), timeout);
    }

    /**
     * Cancels {@code runs} and waits up to {@code timeout} in all for them to end.
     *
     * @return whether every one of them ended in time
     */
    public static boolean cancel(Collection<? extends PipelineRun> runs, Duration timeout) {
        runs.forEach(PipelineRun::cancel);
        long deadline = System.nanoTime() + timeout.toNanos();
        for (PipelineRun run : runs) {
            try {
                run.await(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            } catch (TimeoutException e) {
                return false;
            } catch (RuntimeException e) {
                // a failed run has ended too
            }
        }
        return true;
    }

    /**
     * Starts the worker JVMs of the pipeline's PROCESS stages that keep their workers warm
     * ({@link io.minigun.process.ProcessOptions#withKeepAlive}) now, rather than with its first run: they boot at once
     * and wait in the worker pool, where the first run takes them (booted, or still booting). Their
     * {@code afterFork} hooks run when that run takes them; with no run within the keep-alive they are stopped.
     * Stages without a keep-alive start nothing.
     *
     * @return how many worker JVMs were started
     * @throws UncheckedIOException when a worker JVM cannot be spawned
     */
    public int startWorkers(String name) {
        return startWorkers(pipeline(name));
    }

    /** {@link #startWorkers(String)} for a pipeline of this executor that is not registered by name. */
    public int startWorkers(Pipeline pipeline) {
        try {
            return RunLauncher.startWorkers(pipeline.plan().plan(), workerPool);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the worker JVMs of pipeline '" + pipeline.name() + "'", e);
        }
    }

    /** How many worker JVMs this executor keeps warm, idle, for later runs of PROCESS stages with a keep-alive. */
    public int warmWorkers() {
        return workerPool.idleWorkers();
    }

    /** Stops the worker JVMs kept warm and idle now; runs in progress keep theirs, later runs start new ones. */
    public void stopWarmWorkers() {
        workerPool.stopIdleWorkers();
    }

    /**
     * Closes the worker pool without cancelling runs: every warm worker JVM is stopped, the pool's threads end, and
     * later runs start their workers for themselves (for containers that cancel runs on their own schedule).
     */
    public void closeWorkerPool() {
        workerPool.close();
    }

    /**
     * Cancels the runs in progress, waiting up to 30 seconds, then closes the worker pool: every warm worker
     * JVM is stopped and later runs start their workers for themselves.
     */
    @Override
    public void close() {
        try {
            cancelAll(Duration.ofSeconds(30));
        } finally {
            workerPool.close();
        }
    }
}
