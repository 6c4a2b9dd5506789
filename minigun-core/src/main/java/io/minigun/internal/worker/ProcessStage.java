package io.minigun.internal.worker;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs a PROCESS stage on its dispatcher thread: takes the stage's worker JVMs (started for the run, or kept warm from
 * an earlier run when the stage has a keep-alive), deals its queued items to the workers with room (small items in
 * full frames, slow items spread so that no worker starves), and at end of input lets the workers flush, then stops
 * them or gives them back to the {@link WorkerPool}. A worker that dies is replaced by {@link WorkerSlots} with
 * nothing lost; a run that stops kills its workers.
 *
 * <p>Internal to Minigun: the engine creates one per PROCESS stage and run; applications do not.
 */
public final class ProcessStage {
    private static final Logger log = LoggerFactory.getLogger(ProcessStage.class);
    private static final int BATCH = 256;
    private static final int WINDOW = 1024;
    /** How long the dispatcher waits for more items to fill a frame (see {@link #topUp}). */
    private static final long TOP_UP_WAIT_NANOS = 200_000;

    private final ProcessStageSpec spec;
    private final ProcessStageHost host;
    private final WorkerSlots workers;
    private final WorkerLane dispatcherLane;
    private final Object[] topUp = new Object[BATCH];

    /** Prepares the stage; nothing starts until {@link #run()}. Throws when the stage cannot be sent to workers. */
    public ProcessStage(ProcessStageSpec spec, ProcessStageHost host) {
        this.spec = spec;
        this.host = host;
        this.dispatcherLane = host.lane(spec.workers());
        StageBoot boot = StageBoot.of(spec);
        int window = spec.isAccumulator() ? Math.max(WINDOW, 2 * spec.batchSize()) : WINDOW;
        WorkerPool pool = host.workerPool();
        WorkerSource source = spec.options().keepsWorkersAlive() && pool != null && !pool.isClosed()
                ? pool.source(boot, spec.options().keepAlive(), spec.workers())
                : new RunWorkers(boot, host, spec.stage());
        // accumulators need whole batches in flight; other stages hold what the items' cost allows
        this.workers = new WorkerSlots(spec, host, boot.codec(), source, runFrame(spec), window,
                spec.isAccumulator() ? ItemCost.fixed(window) : ItemCost.adaptive(window));
    }

    /** The dispatcher thread: until the stage's input has ended and every worker has exited. */
    public void run() {
        host.onStop(workers::killAll);
        try {
            host.runBeforeForkHooks();
            workers.startAll();
            dispatch();
        } catch (IOException | RuntimeException e) {
            host.stageFailed(new IllegalStateException("cannot start the worker JVMs of stage '" + spec.stage()
                    + "': " + e.getMessage() + "; their output is in the log above", e));
            host.cancelUntilEndOfInput(spec.workers(), BATCH);
        } finally {
            workers.close();
        }
    }

    private void dispatch() {
        Object[] batch = new Object[BATCH];
        while (true) {
            int n = take(batch);
            for (int i = 0; i < n; i++) {
                if (host.isEndOfInput(batch[i])) {
                    send(batch, 0, i);
                    dispatcherLane.completed(1);
                    for (int late = i + 1; late < n; late++) {
                        dispatcherLane.consumed(1);
                        dispatcherLane.failed(1);
                        dispatcherLane.completed(1);
                        host.lateItem(batch[late]);
                    }
                    endOfInput();
                    return;
                }
            }
            send(batch, 0, n);
            Arrays.fill(batch, 0, n, null);
        }
    }

    private int take(Object[] batch) {
        while (true) {
            try {
                int n = host.take(batch, BATCH, 0);
                if (n > 0) {
                    return topUp(batch, n);
                }
                host.idle();
                return host.take(batch, BATCH, -1);
            } catch (InterruptedException e) {
                Thread.interrupted();
            }
        }
    }

    /**
     * Waits a little (at most {@value #TOP_UP_WAIT_NANOS} ns) for more items so that frames are full: a small frame
     * costs a pipe write, a read and a wake-up on both sides. An idle worker gets what there is at once.
     */
    private int topUp(Object[] batch, int taken) throws InterruptedException {
        int n = taken;
        long deadline = System.nanoTime() + TOP_UP_WAIT_NANOS;
        while (n < BATCH && !workers.anyIdle()) {
            long remaining = deadline - System.nanoTime();
            int more = remaining > 0 ? host.take(topUp, BATCH - n, remaining) : 0;
            if (more == 0) {
                break;
            }
            System.arraycopy(topUp, 0, batch, n, more);
            Arrays.fill(topUp, 0, more, null);
            n += more;
        }
        return n;
    }

    /**
     * Deals items to the workers with room, waiting while every worker has its share in flight. A frame carries at
     * most half a worker's share, so a worker always has its next frame waiting when it finishes one.
     */
    private void send(Object[] batch, int from, int count) {
        int at = from;
        int end = from + count;
        while (at < end) {
            if (host.isStopping()) {
                int left = end - at;
                dispatcherLane.consumed(left);
                dispatcherLane.cancelled(left);
                dispatcherLane.completed(left);
                return;
            }
            int limit = workers.cost().limit();
            WorkerConnection target = workers.awaitRoom(limit);
            if (target == null) {
                continue;
            }
            int frame = Math.max(1, Math.min(BATCH, limit / 2));
            int n = Math.min(Math.min(target.free(limit), frame), end - at);
            if (target.send(batch, null, at, n)) {
                at += n;
            }
            // else the worker died meanwhile and took none of them: deal them again
        }
    }

    /** End of input: the workers flush, the stage ends, then its workers exit or go back to the pool. */
    private void endOfInput() {
        workers.endInput();
        host.finish();
        workers.releaseAll();
    }

    /** The RUN frame's body: this run's id, root pipeline and the parameters that can be sent. */
    private static byte[] runFrame(ProcessStageSpec spec) {
        try {
            return StageBoot.serialize(new WorkerRun(spec.runId(), spec.rootPipeline(),
                    serializableParameters(spec.parameters())));
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize the run of stage '" + spec.stage() + "': " + e, e);
        }
    }

    private static Map<String, Object> serializableParameters(Map<String, Object> parameters) {
        Map<String, Object> kept = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : parameters.entrySet()) {
            try (ObjectOutputStream out = new ObjectOutputStream(OutputStream.nullOutputStream())) {
                out.writeObject(entry.getValue());
                kept.put(entry.getKey(), entry.getValue());
            } catch (IOException | RuntimeException e) {
                log.warn("Run parameter '{}' ({}) is not serializable, so PROCESS workers do not see it",
                        entry.getKey(), entry.getValue() == null ? "null" : entry.getValue().getClass().getName());
            }
        }
        return kept;
    }
}
