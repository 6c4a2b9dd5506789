package io.minigun.internal.worker;

import io.minigun.process.ProcessOptions;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Worker JVMs kept warm between runs, for the PROCESS stages with a {@linkplain ProcessOptions#keepAlive()
 * keep-alive}: a run takes the idle workers of its stage (same pipeline, stage, recipe, codec and JVM options) instead
 * of starting JVMs, and gives them back once the stage has ended normally. A worker is idle in the pool or held by one
 * run, never both; a run that is cancelled or fails kills the workers it holds (their state is unknown) and never
 * gives them back. An idle worker is asked to exit once it has been idle for its stage's keep-alive, and every idle
 * worker when the pool is closed.
 *
 * <p>One per {@link io.minigun.execution.PipelineExecutor}, closed with it. Its threads, a timer while workers are
 * idle and the pumps of its workers' standard error, are named {@code minigun-worker-pool-...} and end when it
 * closes. Workers never outlive this JVM whatever happens to the pool: a shutdown hook kills them, and they exit by
 * themselves when their parent process disappears.
 */
public final class WorkerPool implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WorkerPool.class);
    /** Longest keep-alive honoured (about 73 years), so that deadlines never overflow. */
    private static final long MAX_KEEP_ALIVE_NANOS = Long.MAX_VALUE / 4;

    private final IdleWorkers idle = new IdleWorkers();
    /** The pumps of the standard error of the workers this pool started. */
    private final Set<Thread> pumps = ConcurrentHashMap.newKeySet();
    private boolean closed;

    /** An empty pool; it starts no thread until it keeps a worker. */
    public WorkerPool() {
    }

    /** How many workers are idle in the pool now. */
    public int idleWorkers() {
        return idle.size();
    }

    /** Whether the pool is closed: it then lends and keeps no worker. */
    public synchronized boolean isClosed() {
        return closed;
    }

    /**
     * Stops every idle worker now, and waits for each to exit (killing one that does not within 10 seconds). Workers
     * held by runs are not touched; the pool stays open.
     */
    public void stopIdleWorkers() {
        List<WorkerProcess> stopping = idle.drain();
        stopping.forEach(WorkerProcess::requestExit);
        stopping.forEach(worker -> worker.awaitExit(IdleWorkers.EXIT_TIMEOUT_MILLIS));
    }

    /**
     * Closes the pool: every idle worker is stopped (see {@link #stopIdleWorkers()}), the pool lends and keeps no
     * worker any more (a worker given back is stopped), and its threads end. Idempotent.
     */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        Thread timer = idle.timer();
        stopIdleWorkers();
        List<Thread> threads = new ArrayList<>(pumps);
        if (timer != null) {
            threads.add(timer);
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(IdleWorkers.EXIT_TIMEOUT_MILLIS);
        try {
            for (Thread thread : threads) {
                TimeUnit.NANOSECONDS.timedJoin(thread, Math.max(1, deadline - System.nanoTime()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<String> alive = threads.stream().filter(Thread::isAlive).map(Thread::getName).toList();
        if (!alive.isEmpty()) {
            // pumps of workers still held by runs that did not end: they end when those runs kill their workers
            log.warn("Worker pool closed while threads still run: {}", alive);
        }
    }

    /**
     * Starts the workers of a stage with a keep-alive ahead of its runs, into the pool (as many as it has workers,
     * less those idle already): they boot at once, and the first run that takes one finds it booted or booting. They
     * wait for that run to run their {@code afterFork} hooks, and are stopped like any idle worker if no run comes
     * within the keep-alive. Returns how many were started; none for a stage without keep-alive or a closed pool.
     *
     * <p>Internal to Minigun: {@link io.minigun.execution.PipelineExecutor#startWorkers} calls it.
     */
    public int startWorkers(ProcessStageSpec spec) throws IOException {
        if (!spec.options().keepsWorkersAlive() || isClosed()) {
            return 0;
        }
        StageBoot boot = StageBoot.of(spec);
        long keepAlive = keepAliveNanos(spec.options().keepAlive());
        int started = 0;
        for (int number = idle.size(boot.key()) + 1; number <= spec.workers(); number++) {
            WorkerProcess worker = start(boot, number);
            giveBack(boot.key(), worker, keepAlive, spec.workers());
            started++;
        }
        return started;
    }

    /** Where a stage that keeps its workers for {@code keepAlive} takes them from; at most {@code maxIdle} are kept. */
    WorkerSource source(StageBoot boot, Duration keepAlive, int maxIdle) {
        return new Pooled(boot, keepAliveNanos(keepAlive), maxIdle);
    }

    private static long keepAliveNanos(Duration keepAlive) {
        try {
            return Math.min(MAX_KEEP_ALIVE_NANOS, keepAlive.toNanos());
        } catch (ArithmeticException e) {
            return MAX_KEEP_ALIVE_NANOS;
        }
    }

    /** Starts a worker whose standard error is pumped by a thread of this pool. */
    private WorkerProcess start(StageBoot boot, int number) throws IOException {
        if (isClosed()) {
            throw new IllegalStateException("the worker pool is closed (its executor was closed)");
        }
        String name = "minigun-worker-pool-" + boot.qualifiedName() + "-w" + number + "-";
        return boot.start(number, (what, body) -> {
            Thread pump = new Thread(() -> {
                try {
                    body.run();
                } finally {
                    pumps.remove(Thread.currentThread());
                }
            }, name + what);
            pump.setDaemon(true);
            pumps.add(pump);
            pump.start();
        });
    }

    /**
     * Keeps a worker that has settled a run unless the pool is closed, the worker is dead, or enough workers of its
     * key are idle already: then it is stopped now, as at the end of a run without keep-alive.
     */
    private void giveBack(WorkerKey key, WorkerProcess worker, long keepAliveNanos, int maxIdle) {
        synchronized (this) {
            // under the pool's monitor: close() drains what was kept before it, and nothing is kept after
            if (!closed && idle.keep(key, worker, keepAliveNanos, maxIdle)) {
                return;
            }
        }
        worker.requestExit();
        worker.awaitExit(IdleWorkers.EXIT_TIMEOUT_MILLIS);
    }

    /** A stage's workers taken from this pool and given back to it. */
    private final class Pooled implements WorkerSource {
        private final StageBoot boot;
        private final long keepAliveNanos;
        private final int maxIdle;

        Pooled(StageBoot boot, long keepAliveNanos, int maxIdle) {
            this.boot = boot;
            this.keepAliveNanos = keepAliveNanos;
            this.maxIdle = maxIdle;
        }

        @Override
        public WorkerProcess acquire(int number) throws IOException {
            WorkerProcess warm = idle.take(boot.key());
            return warm != null ? warm : start(boot, number);
        }

        @Override
        public boolean keepsWorkers() {
            return true;
        }

        @Override
        public void release(List<WorkerProcess> workers) {
            workers.forEach(worker -> giveBack(boot.key(), worker, keepAliveNanos, maxIdle));
        }
    }
}
