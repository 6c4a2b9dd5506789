package io.minigun.process;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The parent's side of one worker JVM: sends it items in frames, keeps every item it holds until the worker settles
 * it (so a crash loses nothing), and on its own thread reads what the worker sends back: emissions, delivered
 * downstream through this worker's lane, and outcomes, counted there.
 */
final class WorkerConnection {
    private static final Logger log = LoggerFactory.getLogger(WorkerConnection.class);

    final int slot;
    final WorkerLane lane;
    private final WorkerSlots driver;
    private final Codec codec;
    private final Process process;
    private final FrameWriter toWorker;
    private final FrameReader fromWorker;
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

    private volatile boolean ready;
    private volatile boolean ended;
    private volatile boolean closing;
    private RuntimeException deliveryFailure;

    /**
     * Starts the worker JVM and sends it its boot frame. {@code bootBytes} is the serialized {@link WorkerBoot},
     * made before the JVM starts, so that what cannot be serialized never leaves a worker behind.
     */
    WorkerConnection(WorkerSlots driver, int slot, WorkerLane lane, InFlightWindow window, Codec codec, byte[] bootBytes)
            throws IOException {
        this.driver = driver;
        this.slot = slot;
        this.lane = lane;
        this.codec = codec;
        this.window = window;
        this.process = WorkerProcesses.start(driver.spec().options().jvmArgs());
        this.toWorker = new FrameWriter(process.getOutputStream());
        this.fromWorker = new FrameReader(process.getInputStream(), codec);
        try {
            toWorker.boot(bootBytes);
            toWorker.flush();
        } catch (IOException e) {
            // the worker died at once: its reader, started next, reports it like any other crash
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isReady() {
        return ready;
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
                toWorker.items(sent, frameBytes);
                toWorker.flush();
            } catch (IOException e) {
                // a dead pipe: the worker is dying; make sure, and let its reader hand the items over
                process.destroyForcibly();
                return true;
            }
            lane.busy(true);
            return true;
        } finally {
            writeLock.unlock();
        }
    }

    void sendEnd() {
        sendControl(FrameWriter::end);
    }

    /** Asks the worker to exit, without waiting (so that several workers shut down at once). */
    void requestExit() {
        closing = true;
        sendControl(FrameWriter::exit);
    }

    /** Waits for the worker asked to exit, killing it if it does not in time. */
    void awaitExit(long timeoutMillis) {
        try {
            if (!process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
                log.warn("Stage '{}': worker {} (pid {}) did not exit in time; killing it", driver.spec().qualifiedName(),
                        slot + 1, process.pid());
                process.destroyForcibly().waitFor(timeoutMillis, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    void kill() {
        closing = true;
        process.destroyForcibly();
    }

    /** A frame without items. */
    private interface Control {
        void writeTo(FrameWriter writer) throws IOException;
    }

    private void sendControl(Control frame) {
        writeLock.lock();
        try {
            frame.writeTo(toWorker);
            toWorker.flush();
        } catch (IOException e) {
            // the worker is gone; its reader reports it
        } finally {
            writeLock.unlock();
        }
    }

    /** The reader thread: everything the worker says, until its output ends. */
    void read() {
        WorkerOutput output = new WorkerOutput();
        try {
            while (true) {
                fromWorker.readFromWorker(output);
            }
        } catch (FrameReader.NotAFrameException e) {
            log.error("Stage '{}': worker {} wrote something that is not a protocol frame to its standard output "
                    + "(byte {}); its standard output is reserved for frames: print from stage code with System.out "
                    + "(it goes to stderr) and send JVM logging to stderr (-Xlog:...:stderr). Stopping the worker.",
                    driver.spec().qualifiedName(), slot + 1, e.type());
            process.destroyForcibly();
        } catch (EOFException e) {
            // end of the worker's output: it exited, normally or not
        } catch (IOException e) {
            if (process.isAlive() && !closing) {
                log.error("Stage '{}': cannot read what worker {} sends ({}); stopping the worker",
                        driver.spec().qualifiedName(), slot + 1, e.toString());
                process.destroyForcibly();
            }
        } catch (RuntimeException e) {
            log.error("Stage '{}': error while reading worker {}", driver.spec().qualifiedName(), slot + 1, e);
            process.destroyForcibly();
        }
        int status = exitStatus();
        if (closing) {
            driver.workerClosed(this);
        } else {
            driver.workerDied(this, status);
        }
    }

    /** What the worker says, frame by frame (on the reader thread). */
    private final class WorkerOutput implements FrameReader.WorkerFrames {
        @Override
        public void ready() {
            WorkerConnection.this.ready = true;
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

    /** Pumps the worker's standard error into the log, prefixed with the stage and worker. */
    void pumpStderr() {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                log.info("[{} worker {}] {}", driver.spec().qualifiedName(), slot + 1, line);
            }
        } catch (IOException e) {
            // the worker is gone
        }
    }

    private int exitStatus() {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
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
