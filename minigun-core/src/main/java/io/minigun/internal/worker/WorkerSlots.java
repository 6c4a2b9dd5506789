package io.minigun.internal.worker;

import io.minigun.process.Codec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The worker JVMs of one PROCESS stage in one run: takes them from its {@link WorkerSource} (started, or warm from an
 * earlier run), replaces one that dies with what it held re-sent first, tells a dead pipe from workers that cannot
 * start, picks the worker with room for the dispatcher, kills them all when the run stops, and hands them back to the
 * source when the stage ends normally. Its monitor is where the dispatcher waits for a worker to change (become
 * ready, settle items, end).
 */
final class WorkerSlots {
    private static final Logger log = LoggerFactory.getLogger(WorkerSlots.class);
    /** Workers in a row that died before they were ready (or could not be spawned) before the stage gives up. */
    static final int MAX_FAILED_STARTS = 3;

    private final ProcessStageSpec spec;
    private final ProcessStageHost host;
    private final WorkerConnection[] slots;
    private final Codec codec;
    private final WorkerSource source;
    /** The RUN frame's body: the serialized {@link WorkerRun} every worker is sent before this run's items. */
    private final byte[] run;
    private final int window;
    private final int crashRetries;
    private final ItemCost cost;
    /** Set at end of input: a replacement is sent END after what it re-runs. */
    private boolean ending;
    /** Once the stage has ended or failed, no worker starts any more (a late replacement would be an orphan). */
    private boolean closed;
    private int failedStarts;

    WorkerSlots(ProcessStageSpec spec, ProcessStageHost host, Codec codec, WorkerSource source, byte[] run,
                int window, ItemCost cost) {
        this.spec = spec;
        this.host = host;
        this.slots = new WorkerConnection[spec.workers()];
        this.codec = codec;
        this.source = source;
        this.run = run;
        this.window = window;
        this.crashRetries = Math.max(1, spec.retries());
        this.cost = cost;
    }

    ProcessStageSpec spec() {
        return spec;
    }

    ProcessStageHost host() {
        return host;
    }

    ItemCost cost() {
        return cost;
    }

    /** Takes every worker (warm or started) and waits until each is ready (or the run stops). */
    void startAll() throws IOException {
        long begin = System.nanoTime();
        int warm = 0;
        for (int i = 0; i < slots.length; i++) {
            WorkerConnection worker = start(i);
            warm += worker.isWarm() ? 1 : 0;
            publish(worker);
        }
        synchronized (this) {
            while (!host.isStopping() && Arrays.stream(slots).anyMatch(slot -> slot == null || !slot.isReady())) {
                waitForChange();
            }
        }
        if (!host.isStopping()) {
            log.info("Stage '{}': {} worker JVM(s) ready in {} ms ({} warm, {} started)", spec.qualifiedName(),
                    slots.length, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin), warm,
                    slots.length - warm);
        }
    }

    /** Whether a ready worker holds nothing: then the dispatcher sends what it has at once. */
    synchronized boolean anyIdle() {
        for (WorkerConnection slot : slots) {
            if (slot != null && slot.isReady() && slot.pending() == 0) {
                return true;
            }
        }
        return false;
    }

    /** The ready worker with the most room under {@code limit}, waiting while none has any; null once stopping. */
    synchronized WorkerConnection awaitRoom(int limit) {
        while (!host.isStopping()) {
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
     * End of input: every worker flushes and reports ENDED. When the run stops meanwhile, the workers are killed
     * instead and waited for until their readers have cancelled what they held.
     */
    void endInput() {
        synchronized (this) {
            ending = true;
            if (!host.isStopping()) {
                for (WorkerConnection slot : slots) {
                    slot.sendEnd();
                }
            }
            while (!host.isStopping() && !allEnded()) {
                waitForChange();
            }
        }
        if (host.isStopping()) {
            killAll();
            synchronized (this) {
                while (Arrays.stream(slots).anyMatch(slot -> slot.pending() > 0)) {
                    waitForChange();
                }
            }
        }
    }

    /**
     * The stage has ended normally: hands every worker the run has not killed back to the source, which stops them or
     * keeps them warm; no worker starts any more.
     */
    void releaseAll() {
        WorkerConnection[] workers;
        synchronized (this) {
            closed = true;
            workers = slots.clone();
        }
        List<WorkerProcess> released = new ArrayList<>();
        for (WorkerConnection worker : workers) {
            WorkerProcess process = worker.release();
            if (process != null) {
                released.add(process);
            }
        }
        source.release(released);
    }

    /** Closes the slots (no worker starts any more) and kills every worker. */
    void close() {
        synchronized (this) {
            closed = true;
        }
        killAll();
    }

    /** Kills every worker (the run is stopping or over); their readers cancel what the workers held. */
    void killAll() {
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
     * make the run quiet, so the engine is told too.
     */
    void changed() {
        synchronized (this) {
            notifyAll();
        }
        host.idle();
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
     * An item the codec cannot encode fails alone, with a message naming the stage and the class. Counted on the
     * dispatcher's lane: only the dispatcher encodes new items (what a replacement is re-sent was encoded before).
     */
    void unsendable(Object item, IOException e) {
        WorkerLane dispatcher = host.lane(spec.workers());
        dispatcher.consumed(1);
        dispatcher.failed(1);
        dispatcher.completed(1);
        host.itemFailed(item, new IllegalArgumentException("stage '" + spec.stage() + "' runs in PROCESS workers, but "
                + "its item of class " + item.getClass().getName() + " cannot be sent to "
                + "them: " + e.getMessage(), e), 1);
    }

    // ---- crashes -----------------------------------------------------------------------------------------------

    /**
     * A worker's output ended without being asked to: replace it and re-send what it held, one item per frame, so
     * that if the worker dies again the item in hand is known. An item in hand at more crashes than the stage's
     * retries (at least one) fails with a message that says the worker died.
     */
    void workerDied(WorkerConnection dead, int status) {
        InFlightWindow.Held held = dead.takeHeld();
        WorkerLane lane = dead.lane;
        int first = 0;
        if (host.isStopping() || isClosed() || cannotStart(dead, status)) {
            cancelHeld(held, lane);
            return;
        }
        log.warn("Stage '{}': worker {} (pid {}) died with exit status {} holding {} item(s); starting a "
                + "replacement", spec.qualifiedName(), dead.slot + 1, dead.pid(), status, held.items().length);
        int countedReceipts = held.received();
        lane.retried(1);
        if (held.items().length > 0 && held.headAlone() && ++held.attempts()[0] > crashRetries) {
            Object item = held.items()[0];
            lane.consumed(1);
            lane.failed(1);
            lane.completed(spec.isAccumulator() && countedReceipts > 0 ? 0 : 1);
            countedReceipts = Math.max(0, countedReceipts - 1);
            host.itemFailed(item, new IllegalStateException("the worker JVM of stage '" + spec.stage() + "' died "
                    + "(exit status " + status + ") while this item was in hand, " + held.attempts()[0]
                    + " time(s)"), held.attempts()[0]);
            first = 1;
        }
        WorkerConnection replacement;
        try {
            replacement = start(dead.slot);
        } catch (IOException | RuntimeException e) {
            IllegalStateException failure = new IllegalStateException("cannot start a replacement worker JVM for "
                    + "stage '" + spec.stage() + "': " + e.getMessage() + "; its output is in the log above", e);
            host.stageFailed(failure);
            cancelHeld(new InFlightWindow.Held(Arrays.copyOfRange(held.items(), first, held.items().length),
                    new int[0], countedReceipts, false), lane);
            return;
        }
        replacement.countAhead(countedReceipts);
        // what the dead worker held goes to the replacement before anyone else can see it: the dispatcher only
        // deals to published workers, so the replacement's window can never overrun
        for (int i = first; i < held.items().length; i++) {
            replacement.send(held.items(), held.attempts(), i, 1);
        }
        boolean published;
        synchronized (this) {
            published = !closed && publish(replacement);
            if (published && ending) {
                replacement.sendEnd();
            }
        }
        if (!published || host.isStopping()) {
            // the run ended or stopped while the replacement started (or it died and was replaced itself): it is
            // killed, its reader cancels its items
            replacement.kill();
        }
        changed();
    }

    /**
     * Puts a worker in its slot unless the slot holds a live worker already, and says whether it did. A worker's
     * reader may find it dead and publish its replacement before whoever started the worker publishes it: the dead
     * worker (its window closed) must not then take the replacement's place, or the slot would wait forever.
     */
    private synchronized boolean publish(WorkerConnection worker) {
        WorkerConnection current = slots[worker.slot];
        if (current != null && current.isOpen()) {
            return false;
        }
        slots[worker.slot] = worker;
        return true;
    }

    /** A worker we stopped on purpose has exited: what it still held is cancelled. */
    void workerClosed(WorkerConnection closedWorker) {
        InFlightWindow.Held held = closedWorker.takeHeld();
        if (held.items().length > 0) {
            cancelHeld(held, closedWorker.lane);
        } else {
            changed();
        }
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    /** Counts workers that died before they were ready; after a few in a row, fails the stage and stops the run. */
    private boolean cannotStart(WorkerConnection dead, int status) {
        synchronized (this) {
            failedStarts = dead.isReady() ? 0 : failedStarts + 1;
            if (failedStarts < MAX_FAILED_STARTS) {
                return false;
            }
        }
        host.stageFailed(new IllegalStateException("the worker JVMs of stage '" + spec.stage() + "' cannot start: "
                + MAX_FAILED_STARTS + " in a row exited (last status " + status + ") before they were ready; their "
                + "output is in the log above (workers start the way this JVM started: from its class path, or from "
                + "its Spring Boot jar or unpacked jar; the line 'PROCESS workers start from' says which)"));
        changed();
        return true;
    }

    private void cancelHeld(InFlightWindow.Held held, WorkerLane lane) {
        int items = held.items().length;
        lane.consumed(items);
        lane.cancelled(items);
        lane.completed(spec.isAccumulator() ? Math.max(0, items - held.received()) : items);
        changed();
    }

    // ---- starting ------------------------------------------------------------------------------------------------

    /**
     * Starts a worker, trying again when the JVM cannot even be spawned (the launch helper was killed, say): only
     * {@value #MAX_FAILED_STARTS} failures in a row mean that workers cannot start.
     */
    private WorkerConnection start(int slot) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                return spawn(slot);
            } catch (IOException e) {
                if (attempt >= MAX_FAILED_STARTS || host.isStopping()) {
                    throw e;
                }
                log.warn("Stage '{}': worker {} could not be spawned ({}); trying again", spec.qualifiedName(),
                        slot + 1, e.getMessage());
            }
        }
    }

    private WorkerConnection spawn(int slot) throws IOException {
        WorkerConnection connection;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the stage has ended");
            }
            connection = new WorkerConnection(this, slot, host.lane(slot), new InFlightWindow(window), codec,
                    source.acquire(slot + 1), source.keepsWorkers());
        }
        try {
            // outside the monitor: a booting worker reads its run only once its stage is created
            connection.beginRun(run);
            host.startThread(spec.stage() + "-w" + (slot + 1) + "-reader", connection::read);
        } catch (RuntimeException | Error e) {
            connection.kill(); // not in a slot yet: nobody else would stop it
            throw e;
        }
        return connection;
    }
}
