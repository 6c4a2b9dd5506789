package io.minigun.internal.worker;

import io.minigun.process.UnreadableItemException;

import io.minigun.process.Codec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One worker JVM's part in one run, on the parent's side: sends the worker the run's items in frames, keeps every item
 * it holds until the worker settles it (so a crash loses nothing), and on a thread of the run reads what the worker
 * sends back: emissions, delivered downstream through this worker's lane, and outcomes, counted there. The JVM itself
 * ({@link WorkerProcess}) may have served earlier runs and may serve later ones: then the reader stops once the worker
 * has settled the run (ENDED), and {@link #release()} hands the JVM on, unless the run killed it first.
 */
final class WorkerConnection {
    private static final Logger log = LoggerFactory.getLogger(WorkerConnection.class);
    /** How long a release waits for the reader, which returns right after the ENDED it has already handled. */
    private static final long READER_STOP_TIMEOUT_MILLIS = 10_000;

    final int slot;
    final WorkerLane lane;
    private final WorkerSlots driver;
    private final Codec codec;
    private final WorkerProcess process;
    /** Whether the reader stops at the worker's ENDED, leaving the JVM to serve another run. */
    private final boolean stopAtEnded;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ByteArrayOutputStream frameBytes = new ByteArrayOutputStream(1 << 14);
    private final DataOutputStream frame = new DataOutputStream(frameBytes);
    /** Which items of the batch being sent were encoded (guarded by writeLock). */
    private int[] sentIndexes = new int[0];

    /** Emissions of items not settled yet, with their targets (null: along the DAG); only the reader uses them. */
    private final java.util.ArrayList<Object> heldEmissions = new java.util.ArrayList<>();
    private final java.util.ArrayList<String> heldTargets = new java.util.ArrayList<>();
    /** The items the worker holds until it settles them. */
    private final InFlightWindow window;
    /** Counted down when the reader has returned: nobody reads the worker for this run any more. */
    private final CountDownLatch readerDone = new CountDownLatch(1);

    private volatile boolean ended;
    private volatile boolean closing;
    /** Set by {@link #kill()} and {@link #release()} (guarded by this): the first one decides the JVM's fate. */
    private boolean killed;
    private boolean released;
    private RuntimeException deliveryFailure;

    /** Takes {@code process} for this run; {@link #beginRun} tells the worker which run, before any item. */
    WorkerConnection(WorkerSlots driver, int slot, WorkerLane lane, InFlightWindow window, Codec codec,
                     WorkerProcess process, boolean stopAtEnded) {
        this.driver = driver;
        this.slot = slot;
        this.lane = lane;
        this.codec = codec;
        this.window = window;
        this.process = process;
        this.stopAtEnded = stopAtEnded;
    }

    /**
     * Sends the worker the run ({@code run}: a serialized {@link WorkerRun}). May block until a booting worker reads
     * it, when its boot and run frames fill the pipe. A worker that is gone already is found by the reader, like any
     * crash.
     */
    void beginRun(byte[] run) {
        writeLock.lock();
        try {
            process.control(writer -> writer.run(run));
        } finally {
            writeLock.unlock();
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isReady() {
        return process.isReady();
    }

    /** Whether the run took the worker from a pool rather than starting it. */
    boolean isWarm() {
        return process.wasPooled();
    }

    boolean isEnded() {
        return ended;
    }

    int pending() {
        return window.size();
    }

    /** Room for more items, at most {@code limit} in flight (the dispatcher's share for items of this cost). */
    int free(int limit) {
        return Math.min(window.free(), limit - window.size());
    }

    boolean isOpen() {
        return !window.isClosed();
    }

    /**
     * Encodes and sends {@code count} items starting at {@code from}, with their attempt counts. Items the codec
     * cannot encode are handed back to the driver to fail. Blocking on a full pipe holds no lock the reader needs.
     * Returns false, having taken none of the items, when the worker is gone (its window closed); a pipe that breaks
     * while the frame is written leaves the items in the window, where the reader finds them when it sees the end.
     */
    boolean send(Object[] batch, int[] batchAttempts, int from, int count) {
        writeLock.lock();
        try {
            frameBytes.reset();
            int sent = 0;
            int[] encoded = sentIndexes.length >= count ? sentIndexes : (sentIndexes = new int[count]);
            for (int i = from; i < from + count; i++) {
                try {
                    codec.write(batch[i], frame);
                } catch (IOException e) {
                    driver.unsendable(batch[i], e);
                    continue;
                }
                encoded[sent++] = i;
            }
            if (sent == 0) {
                return true;
            }
            // recorded as held before the frame is written, so the worker cannot settle what is not recorded yet
            if (!window.record(batch, batchAttempts, encoded, sent)) {
                return false;
            }
            try {
                process.writeItems(sent, frameBytes);
            } catch (IOException e) {
                // a dead pipe: the worker is dying; make sure, and let its reader hand the items over
                process.kill();
                return true;
            }
            lane.busy(true);
            return true;
        } finally {
            writeLock.unlock();
        }
    }

    void sendEnd() {
        writeLock.lock();
        try {
            process.control(FrameWriter::end);
        } finally {
            writeLock.unlock();
        }
    }

    /** Kills the worker (the run is stopping or over), unless it was released: then it is no longer this run's. */
    void kill() {
        synchronized (this) {
            if (released) {
                return;
            }
            killed = true;
        }
        closing = true;
        process.kill();
    }

    /**
     * The stage has ended and the worker has settled everything (ENDED): hands the JVM on, or null when the run
     * killed it. From now on {@link #kill()} leaves it alone. A reader that stops at ENDED is waited for first, so
     * that whoever takes the JVM next is its only reader.
     */
    WorkerProcess release() {
        synchronized (this) {
            if (killed) {
                return null;
            }
            released = true;
        }
        closing = true;
        if (stopAtEnded) {
            try {
                if (!readerDone.await(READER_STOP_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
                    log.warn("Stage '{}': the reader of worker {} did not stop after ENDED; stopping the worker",
                            driver.spec().qualifiedName(), slot + 1);
                    process.kill();
                    return null;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.kill();
                return null;
            }
        }
        return process;
    }

    /**
     * The reader thread: everything the worker says, until its output ends, or until its ENDED when the worker may
     * serve another run.
     */
    void read() {
        try {
            if (readFrames()) {
                return;
            }
            int status = process.exitStatus();
            if (closing) {
                driver.workerClosed(this);
            } else {
                driver.workerDied(this, status);
            }
        } finally {
            readerDone.countDown();
        }
    }

    /** Reads frames; true when it stopped at ENDED with the worker alive, false when the worker's output ended. */
    private boolean readFrames() {
        WorkerOutput output = new WorkerOutput();
        try {
            while (!(stopAtEnded && ended)) {
                process.read(output);
            }
            return true;
        } catch (FrameReader.NotAFrameException e) {
            log.error("Stage '{}': worker {} wrote something that is not a protocol frame to its standard output "
                    + "(byte {}); its standard output is reserved for frames: print from stage code with System.out "
                    + "(it goes to stderr) and send JVM logging to stderr (-Xlog:...:stderr). Stopping the worker.",
                    driver.spec().qualifiedName(), slot + 1, e.type());
            process.kill();
        } catch (EOFException e) {
            // end of the worker's output: it exited, normally or not
        } catch (IOException e) {
            if (process.isAlive() && !closing) {
                log.error("Stage '{}': cannot read what worker {} sends ({}); stopping the worker",
                        driver.spec().qualifiedName(), slot + 1, e.toString());
                process.kill();
            }
        } catch (RuntimeException e) {
            log.error("Stage '{}': error while reading worker {}", driver.spec().qualifiedName(), slot + 1, e);
            process.kill();
        }
        return false;
    }

    /** What the worker says, frame by frame (on the reader thread). */
    private final class WorkerOutput implements FrameReader.WorkerFrames {
        @Override
        public void ready() {
            process.markReady();
            driver.changed();
        }

        @Override
        public void emitted(String target, Object item) {
            hold(target, item);
        }

        @Override
        public void unreadable(String target, UnreadableItemException e) {
            if (deliveryFailure == null) {
                deliveryFailure = new IllegalStateException("stage '" + driver.spec().qualifiedName() + "' emitted an item "
                        + "its parent cannot read: " + e.getMessage(), e);
            }
        }

        @Override
        public void done(int count, int retries, long sampleNanos, int sampleWeight) {
            if (sampleWeight > 0) {
                lane.recordLatency(sampleNanos, sampleWeight);
                driver.cost().sample(sampleNanos);
            }
            settle(count, null, 0, retries);
        }

        @Override
        public void failed(int count, int attempts, int retries, Throwable failure) {
            settle(count, failure, attempts, retries);
        }

        @Override
        public void received(int count) {
            WorkerConnection.this.received(count);
        }

        @Override
        public void fatal(Throwable failure) {
            driver.host().abort(failure);
        }

        @Override
        public void ended() {
            WorkerConnection.this.ended = true;
            driver.changed();
        }
    }

    /**
     * Keeps an emission until the items that made it are settled: if the worker dies first, those items run again
     * and emit again, so what a dead worker emitted must never enter the pipeline.
     */
    private void hold(String target, Object item) {
        heldEmissions.add(item);
        heldTargets.add(target);
    }

    private void deliverHeld() {
        int n = heldEmissions.size();
        if (n == 0) {
            return;
        }
        for (int i = 0; i < n; i++) {
            deliver(heldTargets.get(i), heldEmissions.get(i));
        }
        heldEmissions.clear();
        heldTargets.clear();
    }

    private void deliver(String target, Object item) {
        try {
            lane.emitSettled(target, item);
        } catch (RuntimeException e) {
            if (deliveryFailure == null) {
                deliveryFailure = e;
            }
        }
    }

    /** The worker settled its oldest {@code count} items: succeeded, or failed with {@code failure}. */
    private void settle(int count, Throwable failure, int tries, int retries) {
        deliverHeld();
        // the settled items themselves are only needed to report a failure
        boolean keep = failure != null || deliveryFailure != null;
        Object[] settled = window.settle(count, keep);
        lane.retried(retries);
        lane.consumed(count);
        Throwable cause = failure != null ? failure : deliveryFailure;
        if (cause != null && !driver.host().isStopping()) {
            long failedItems = failure != null ? count : 1;
            lane.failed(failedItems);
            lane.succeeded(count - failedItems);
            Object item = driver.spec().isAccumulator() ? java.util.Arrays.asList(settled) : settled[0];
            driver.host().itemFailed(item, cause, Math.max(tries, 1));
        } else if (driver.host().isStopping() && failure != null) {
            lane.cancelled(count);
        } else {
            lane.succeeded(count);
        }
        deliveryFailure = null;
        if (!driver.spec().isAccumulator()) {
            lane.completed(count);
        }
        lane.busy(pending() > 0);
        driver.changed();
    }

    /** Accumulators: the worker buffered {@code count} more items, which now count as handled. */
    private void received(int count) {
        lane.completed(window.received(count));
        driver.changed();
    }

    /** Items this replacement will be sent that an earlier worker already reported as received. */
    void countAhead(int counted) {
        window.countAhead(counted);
    }

    /** Closes this worker's window and hands over every item it held (see {@link InFlightWindow#close()}). */
    InFlightWindow.Held takeHeld() {
        return window.close();
    }
}
