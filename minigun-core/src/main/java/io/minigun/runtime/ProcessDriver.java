package io.minigun.runtime;

import io.minigun.definition.StageKind;
import io.minigun.process.Codec;
import io.minigun.process.ProcessOptions;
import io.minigun.process.SerializationCodec;
import io.minigun.process.StageRecipe;
import io.minigun.process.WorkerBoot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a PROCESS stage: starts its worker JVMs, deals the stage's queued items to the workers with room (in
 * frames, so the pipe is not the bottleneck), replaces a worker that dies and re-sends what it held, and at end of
 * input lets the workers flush, then stops them. Workers never outlive the run.
 */
final class ProcessDriver {
    private static final Logger log = LoggerFactory.getLogger(ProcessDriver.class);
    private static final int BATCH = 256;
    private static final int WINDOW = 1024;
    /** Items in flight per worker while nothing is known of their cost: a slow first item starves no worker. */
    private static final int INITIAL_LIMIT = 2;
    /** Work in flight per worker: enough to hide a round trip through the pipe, little enough to spread slow items. */
    private static final long TARGET_IN_FLIGHT_NANOS = 2_000_000;
    /** How long the dispatcher waits for more items to fill a frame (see {@link #topUp}). */
    private static final long TOP_UP_WAIT_NANOS = 200_000;
    private final Object[] topUp = new Object[BATCH];
    private static final long EXIT_TIMEOUT_MILLIS = 10_000;

    private final Run run;
    private final StageRuntime stage;
    private final ContextPools pools;
    private final WorkerConnection[] slots;
    private final Lane dispatcherLane;
    private final WorkerBoot bootTemplate;
    private final Codec codec;
    private final List<String> jvmArgs;
    private final int window;
    private final int crashRetries;
    private boolean ending;
    /** Once the dispatcher has finished, no worker starts any more (a late replacement would be an orphan). */
    private boolean closed;
    /** Moving average of an item's time in stage code, from the workers' reports; -1 until the first. */
    private volatile long itemNanos = -1;
    /** Workers in a row that died before they were ready: past a few, workers cannot start and the stage fails. */
    private int failedStarts;
    private static final int MAX_FAILED_STARTS = 3;

    ProcessDriver(Run run, StageRuntime stage, ContextPools pools) {
        this.run = run;
        this.stage = stage;
        this.pools = pools;
        this.slots = new WorkerConnection[stage.plan.workers()];
        this.dispatcherLane = stage.lanes[stage.plan.workers()];
        ProcessOptions options = stage.node.scope().settings().process();
        this.jvmArgs = options.jvmArgs();
        StageRecipe recipe = stage.plan.recipe();
        Codec codec = options.codec() instanceof SerializationCodec serialization
                ? serialization.allowing(recipe.packages()) : options.codec();
        Integer maxSize = stage.node.config().maxSize();
        int batchSize = maxSize != null ? maxSize : AccumulatorStage.DEFAULT_MAX_SIZE;
        this.window = isAccumulator() ? Math.max(WINDOW, 2 * batchSize) : WINDOW;
        this.crashRetries = Math.max(1, stage.plan.retries());
        this.codec = codec;
        this.bootTemplate = new WorkerBoot(recipe, stage.node.scope().path(), stage.name, stage.node.kind(), 0,
                batchSize, stage.node.config().maxWait() == null ? -1 : stage.node.config().maxWait().toNanos(),
                stage.plan.retries(), stage.plan.backoff().toNanos(), codec, run.id(),
                run.context().pipelineName(), serializableParameters(run.context().parameters()));
    }

    String stageName() {
        return stage.node.scope().path() + "/" + stage.name;
    }

    List<String> jvmArgs() {
        return jvmArgs;
    }

    boolean isAccumulator() {
        return stage.node.kind() == StageKind.ACCUMULATOR;
    }

    boolean stopping() {
        return run.stopping;
    }

    /** The dispatcher thread. */
    void run() {
        run.onStop(this::killWorkers);
        try {
            stage.runHooks(run.beforeForkHooks(stage));
            for (int i = 0; i < slots.length; i++) {
                WorkerConnection worker = startWorker(i);
                synchronized (this) {
                    slots[i] = worker;
                }
            }
            awaitStarted();
            dispatch();
        } catch (IOException | RuntimeException e) {
            IllegalStateException failure = new IllegalStateException("cannot start the worker JVMs of stage '"
                    + stage.name + "': " + e.getMessage() + "; their output is in the log above", e);
            run.failures.stageFailed(stage, failure);
            run.stop(io.minigun.RunStatus.FAILED, failure);
            drainAfterFailure();
        } finally {
            synchronized (this) {
                closed = true;
            }
            killWorkers();
        }
    }

    /** Kills every worker (the run is stopping or over); their readers cancel what the workers held. */
    private void killWorkers() {
        WorkerConnection[] workers;
        synchronized (this) {
            workers = slots.clone();
        }
        for (WorkerConnection worker : workers) {
            if (worker != null) {
                worker.kill();
            }
        }
    }

    private void dispatch() {
        Object[] batch = new Object[BATCH];
        StageQueue queue = stage.queue;
        while (true) {
            int n = take(queue, batch);
            int from = 0;
            for (int i = 0; i < n; i++) {
                if (batch[i] instanceof Control.EndOf end && end.stage() == stage) {
                    send(batch, from, i - from);
                    dispatcherLane.completed();
                    for (int late = i + 1; late < n; late++) {
                        dispatcherLane.consumed();
                        dispatcherLane.failed(1);
                        dispatcherLane.completed();
                        run.failures.lateItem(stage, batch[late]);
                    }
                    endOfInput();
                    return;
                }
            }
            send(batch, 0, n);
            java.util.Arrays.fill(batch, 0, n, null);
        }
    }

    private int take(StageQueue queue, Object[] batch) {
        while (true) {
            try {
                int n = queue.drain(batch, BATCH, 0);
                if (n > 0) {
                    return topUp(queue, batch, n);
                }
                run.termination.idle();
                return queue.drain(batch, BATCH, -1);
            } catch (InterruptedException e) {
                Thread.interrupted();
            }
        }
    }

    /**
     * Waits a little (at most {@value #TOP_UP_WAIT_NANOS} ns) for more items so that frames are full: a small frame
     * costs a pipe write, a read and a wake-up on both sides. An idle worker gets what there is at once.
     */
    private int topUp(StageQueue queue, Object[] batch, int taken) throws InterruptedException {
        int n = taken;
        long deadline = System.nanoTime() + TOP_UP_WAIT_NANOS;
        while (n < BATCH && !anyWorkerIdle()) {
            long remaining = deadline - System.nanoTime();
            int more = remaining > 0 ? queue.drain(topUp, BATCH - n, remaining) : 0;
            if (more == 0) {
                break;
            }
            System.arraycopy(topUp, 0, batch, n, more);
            java.util.Arrays.fill(topUp, 0, more, null);
            n += more;
        }
        return n;
    }

    private synchronized boolean anyWorkerIdle() {
        for (WorkerConnection slot : slots) {
            if (slot != null && slot.isReady() && slot.pending() == 0) {
                return true;
            }
        }
        return false;
    }

    /** Waits until every worker has started (or the run stops), so the first items are dealt to all of them. */
    private synchronized void awaitStarted() {
        while (!run.stopping && java.util.Arrays.stream(slots).anyMatch(slot -> slot == null || !slot.isReady())) {
            waitForChange();
        }
    }

    /**
     * Deals items to the workers with room, waiting while every worker has its share in flight. A frame carries at
     * most half a worker's share, so a worker always has its next frame waiting when it finishes one.
     */
    private void send(Object[] batch, int from, int count) {
        int at = from;
        int end = from + count;
        while (at < end) {
            if (run.stopping) {
                for (; at < end; at++) {
                    dispatcherLane.consumed();
                    dispatcherLane.cancelled(1);
                    dispatcherLane.completed();
                }
                return;
            }
            int limit = limit();
            WorkerConnection target = awaitRoom(limit);
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

    /**
     * How many items a worker may hold: about {@value #TARGET_IN_FLIGHT_NANOS} ns of work, so small items travel in
     * full frames and slow ones are spread over every worker. Accumulators hold what their batches need.
     */
    private int limit() {
        if (isAccumulator()) {
            return window;
        }
        long nanos = itemNanos;
        if (nanos < 0) {
            return INITIAL_LIMIT;
        }
        long items = TARGET_IN_FLIGHT_NANOS / Math.max(1, nanos);
        return (int) Math.max(INITIAL_LIMIT, Math.min(window, items));
    }

    /** A worker reported how long an item took in stage code. */
    void itemTook(long nanos) {
        long previous = itemNanos;
        itemNanos = previous < 0 ? nanos : previous - (previous >> 3) + (nanos >> 3);
    }

    /** The ready worker with the most room, waiting while none has any; null when the run started stopping. */
    private synchronized WorkerConnection awaitRoom(int limit) {
        while (!run.stopping) {
            WorkerConnection best = null;
            int bestFree = 0;
            for (WorkerConnection slot : slots) {
                int free = slot != null && slot.isReady() ? slot.free(limit) : 0;
                if (free > bestFree) {
                    best = slot;
                    bestFree = free;
                }
            }
            if (best != null) {
                return best;
            }
            waitForChange();
        }
        return null;
    }

    /**
     * End of input: every worker flushes and reports ENDED, then the stage ends and the workers are stopped. When the
     * run is stopping, the workers are killed instead and what they held is counted as cancelled.
     */
    private void endOfInput() {
        synchronized (this) {
            ending = true;
            if (!run.stopping) {
                for (WorkerConnection slot : slots) {
                    slot.sendEnd();
                }
            }
            while (!run.stopping && !allEnded()) {
                waitForChange();
            }
        }
        if (run.stopping) {
            killWorkers();
            synchronized (this) {
                while (java.util.Arrays.stream(slots).anyMatch(slot -> slot.pending() > 0)) {
                    waitForChange();
                }
            }
        }
        stage.finish(dispatcherLane);
        stage.closeQueue(dispatcherLane, stage.queue);
        WorkerConnection[] workers;
        synchronized (this) {
            closed = true;
            workers = slots.clone();
        }
        // all workers shut down at once: the run waits for the slowest exit, not for the sum of them
        for (WorkerConnection worker : workers) {
            worker.requestExit();
        }
        for (WorkerConnection worker : workers) {
            worker.awaitExit(EXIT_TIMEOUT_MILLIS);
        }
    }

    private boolean allEnded() {
        for (WorkerConnection slot : slots) {
            if (!slot.isEnded() || slot.pending() > 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Called by readers whenever a worker settles items, becomes ready, or ends. Settling the last item in flight may
     * make the run quiet, so termination is told too.
     */
    void changed() {
        synchronized (this) {
            notifyAll();
        }
        run.termination.idle();
    }

    /** Waits (holding this monitor) for {@link #changed()}; callers re-check their condition. */
    private void waitForChange() {
        try {
            wait();
        } catch (InterruptedException e) {
            Thread.interrupted();
        }
    }

    /**
     * A worker's output ended without being asked to: replace it and re-send what it held, one item per frame, so
     * that if the worker dies again the item in hand is known. An item in hand at more crashes than the stage's
     * retries (at least one) fails with a message that says the worker died.
     */
    void workerDied(WorkerConnection dead, int status) {
        InFlightWindow.Held held = dead.takeHeld();
        Lane lane = dead.lane;
        int first = 0;
        if (run.stopping || isClosed() || cannotStart(dead, status)) {
            cancelHeld(held, lane);
            return;
        }
        log.warn("Stage '{}': worker {} (pid {}) died with exit status {} holding {} item(s); starting a "
                + "replacement", stageName(), dead.slot + 1, dead.pid(), status, held.items().length);
        int countedReceipts = held.received();
        lane.retried();
        if (held.items().length > 0 && held.headAlone() && ++held.attempts()[0] > crashRetries) {
            Object item = held.items()[0];
            lane.consumed();
            lane.failed(1);
            lane.completed(isAccumulator() && countedReceipts > 0 ? 0 : 1);
            countedReceipts = Math.max(0, countedReceipts - 1);
            itemFailed(item, new IllegalStateException("the worker JVM of stage '" + stage.name + "' died (exit "
                    + "status " + status + ") while this item was in hand, " + held.attempts()[0] + " time(s)"),
                    held.attempts()[0]);
            first = 1;
        }
        WorkerConnection replacement;
        try {
            replacement = startWorker(dead.slot);
        } catch (IOException | RuntimeException e) {
            IllegalStateException failure = new IllegalStateException("cannot start a replacement worker JVM for "
                    + "stage '" + stage.name + "': " + e.getMessage() + "; its output is in the log above", e);
            run.failures.stageFailed(stage, failure);
            run.stop(io.minigun.RunStatus.FAILED, failure);
            cancelHeld(new InFlightWindow.Held(java.util.Arrays.copyOfRange(held.items(), first,
                    held.items().length), new int[0], countedReceipts, false), lane);
            return;
        }
        replacement.countAhead(countedReceipts);
        // what the dead worker held goes to the replacement before anyone else can see it: the dispatcher only
        // deals to published workers, so the replacement's window can never overrun
        for (int i = first; i < held.items().length; i++) {
            replacement.send(held.items(), held.attempts(), i, 1);
        }
        boolean publish;
        synchronized (this) {
            publish = !closed;
            if (publish) {
                slots[dead.slot] = replacement;
                if (ending) {
                    replacement.sendEnd();
                }
            }
        }
        if (!publish || run.stopping) {
            // the run ended or stopped while the replacement started: it is killed, its reader cancels its items
            replacement.kill();
        }
        changed();
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    /** A worker we stopped on purpose has exited: what it still held is cancelled. */
    void workerClosed(WorkerConnection closed) {
        InFlightWindow.Held held = closed.takeHeld();
        if (held.items().length > 0) {
            cancelHeld(held, closed.lane);
        } else {
            changed();
        }
    }

    /** Counts workers that died before they were ready; after a few in a row, fails the stage and stops the run. */
    private boolean cannotStart(WorkerConnection dead, int status) {
        synchronized (this) {
            failedStarts = dead.isReady() ? 0 : failedStarts + 1;
            if (failedStarts < MAX_FAILED_STARTS) {
                return false;
            }
        }
        IllegalStateException e = new IllegalStateException("the worker JVMs of stage '" + stage.name + "' cannot "
                + "start: " + MAX_FAILED_STARTS + " in a row exited (last status " + status + ") before they were "
                + "ready; their output is in the log above (a PROCESS stage needs the application's classes on the "
                + "class path, so run it from its class path, not from a repackaged jar)");
        run.failures.stageFailed(stage, e);
        run.stop(io.minigun.RunStatus.FAILED, e);
        changed();
        return true;
    }

    private void cancelHeld(InFlightWindow.Held held, Lane lane) {
        int items = held.items().length;
        for (int i = 0; i < items; i++) {
            lane.consumed();
        }
        lane.cancelled(items);
        lane.completed(isAccumulator() ? Math.max(0, items - held.received()) : items);
        changed();
    }

    /**
     * Starts a worker, trying again when the JVM cannot even be spawned (the launch helper was killed, say): only
     * {@value #MAX_FAILED_STARTS} failures in a row mean that workers cannot start.
     */
    private WorkerConnection startWorker(int slot) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                return spawnWorker(slot);
            } catch (IOException e) {
                if (attempt >= MAX_FAILED_STARTS || run.stopping) {
                    throw e;
                }
                log.warn("Stage '{}': worker {} could not be spawned ({}); trying again", stageName(), slot + 1,
                        e.getMessage());
            }
        }
    }

    private WorkerConnection spawnWorker(int slot) throws IOException {
        WorkerBoot boot = new WorkerBoot(bootTemplate.recipe(), bootTemplate.pipeline(), bootTemplate.stage(),
                bootTemplate.kind(), slot + 1, bootTemplate.maxSize(), bootTemplate.maxWaitNanos(),
                bootTemplate.retries(), bootTemplate.backoffNanos(), bootTemplate.codec(), bootTemplate.runId(),
                bootTemplate.rootPipeline(), bootTemplate.parameters());
        byte[] bootBytes = serialize(boot);
        WorkerConnection connection;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the stage has ended");
            }
            connection = new WorkerConnection(this, slot, stage.lanes[slot], new InFlightWindow(window), codec,
                    bootBytes);
        }
        String name = stage.name + "-w" + (slot + 1);
        pools.start(name + "-reader", false, connection::read);
        pools.start(name + "-stderr", false, connection::pumpStderr);
        return connection;
    }

    /** The boot frame's body, made before any JVM starts so that what cannot be serialized leaves no worker. */
    private byte[] serialize(WorkerBoot boot) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(boot);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("stage '" + stage.name + "' cannot be sent to its worker JVMs: " + e, e);
        }
        return bytes.toByteArray();
    }

    /** An item the codec cannot encode fails alone, with a message naming the stage and the class. */
    void unsendable(Object item, IOException e) {
        dispatcherLane.consumed();
        dispatcherLane.failed(1);
        dispatcherLane.completed();
        run.failures.itemFailed(stage, item, new IllegalArgumentException("stage '" + stage.name + "' runs in PROCESS "
                + "workers, but its item of class " + (item == null ? "null" : item.getClass().getName())
                + " cannot be sent to them: " + e.getMessage(), e), 1);
    }

    void itemFailed(Object item, Throwable cause, int attempts) {
        run.failures.itemFailed(stage, item, cause, attempts);
    }

    void fatal(Throwable cause) {
        run.failures.abort(stage, null, cause, 0);
    }

    private void drainAfterFailure() {
        Object[] batch = new Object[BATCH];
        while (true) {
            int n = take(stage.queue, batch);
            for (int i = 0; i < n; i++) {
                if (batch[i] instanceof Control.EndOf end && end.stage() == stage) {
                    dispatcherLane.completed();
                    stage.finish(dispatcherLane);
                    stage.closeQueue(dispatcherLane, stage.queue);
                    return;
                }
                dispatcherLane.consumed();
                dispatcherLane.cancelled(1);
                dispatcherLane.completed();
            }
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
