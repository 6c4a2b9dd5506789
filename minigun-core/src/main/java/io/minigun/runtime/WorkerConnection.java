package io.minigun.runtime;

import io.minigun.process.Codec;
import io.minigun.process.Frames;
import io.minigun.process.Throwables;
import io.minigun.process.UnreadableItemException;
import io.minigun.process.WorkerBoot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.ObjectOutputStream;
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
    final Lane lane;
    private final ProcessDriver driver;
    private final Codec codec;
    private final Process process;
    private final DataOutputStream toWorker;
    private final DataInputStream fromWorker;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ByteArrayOutputStream frameBytes = new ByteArrayOutputStream(1 << 14);
    private final DataOutputStream frame = new DataOutputStream(frameBytes);
    /** Which items of the batch being sent were encoded (guarded by writeLock). */
    private int[] sentIndexes = new int[0];

    // the items the worker holds, oldest first (guarded by this)
    private final Object[] items;
    private final int[] attempts;
    /** Whether the item was sent alone, so that a crash while it is oldest is surely its doing. */
    private final boolean[] alone;
    private int head;
    private int size;
    /** Accumulators: items at the front already counted as handled when an earlier worker received them. */
    private int countedAhead;
    private int receivedNotSettled;

    private volatile boolean ready;
    private volatile boolean ended;
    private volatile boolean closing;
    private RuntimeException deliveryFailure;
    private boolean dropped;

    WorkerConnection(ProcessDriver driver, int slot, Lane lane, int window, WorkerBoot boot) throws IOException {
        this.driver = driver;
        this.slot = slot;
        this.lane = lane;
        this.codec = boot.codec();
        this.items = new Object[window];
        this.attempts = new int[window];
        this.alone = new boolean[window];
        this.process = WorkerProcesses.start(driver.jvmArgs());
        this.toWorker = new DataOutputStream(new BufferedOutputStream(process.getOutputStream(), 1 << 16));
        this.fromWorker = new DataInputStream(new BufferedInputStream(process.getInputStream(), 1 << 16));
        ByteArrayOutputStream bootBytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bootBytes)) {
            out.writeObject(boot);
        }
        toWorker.writeByte(Frames.BOOT);
        toWorker.writeInt(bootBytes.size());
        bootBytes.writeTo(toWorker);
        toWorker.flush();
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

    synchronized int pending() {
        return size;
    }

    synchronized int free() {
        return items.length - size;
    }

    /**
     * Encodes and sends {@code count} items starting at {@code from}, with their attempt counts. Items the codec
     * cannot encode are handed back to the driver to fail. Blocking on a full pipe holds no lock the reader needs.
     */
    void send(Object[] batch, int[] batchAttempts, int from, int count) throws IOException {
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
                return;
            }
            // recorded as held before the frame is written, so the worker cannot settle what is not recorded yet
            synchronized (this) {
                for (int k = 0; k < sent; k++) {
                    int i = encoded[k];
                    int at = (head + size) % items.length;
                    items[at] = batch[i];
                    attempts[at] = batchAttempts == null ? 0 : batchAttempts[i];
                    alone[at] = count == 1;
                    size++;
                }
            }
            toWorker.writeByte(Frames.ITEMS);
            toWorker.writeInt(sent);
            frameBytes.writeTo(toWorker);
            toWorker.flush();
            lane.busy(true);
        } finally {
            writeLock.unlock();
        }
    }

    void sendEnd() {
        sendControl(Frames.END);
    }

    /** Asks the worker to exit, without waiting (so that several workers shut down at once). */
    void requestExit() {
        closing = true;
        sendControl(Frames.EXIT);
    }

    /** Waits for the worker asked to exit, killing it if it does not in time. */
    void awaitExit(long timeoutMillis) {
        try {
            if (!process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
                log.warn("Stage '{}': worker {} (pid {}) did not exit in time; killing it", driver.stageName(),
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

    private void sendControl(byte type) {
        writeLock.lock();
        try {
            toWorker.writeByte(type);
            toWorker.flush();
        } catch (IOException e) {
            // the worker is gone; its reader reports it
        } finally {
            writeLock.unlock();
        }
    }

    /** The reader thread: everything the worker says, until its output ends. */
    void read() {
        try {
            while (true) {
                byte type = fromWorker.readByte();
                switch (type) {
                    case Frames.READY -> {
                        ready = true;
                        driver.changed();
                    }
                    case Frames.EMIT -> deliver(null, readItem());
                    case Frames.EMIT_TO -> {
                        String target = fromWorker.readUTF();
                        deliver(target, readItem());
                    }
                    case Frames.DONE -> {
                        int count = fromWorker.readInt();
                        int retries = fromWorker.readInt();
                        long nanos = fromWorker.readLong();
                        int weight = fromWorker.readInt();
                        if (weight > 0) {
                            lane.latencies.record(nanos, weight);
                        }
                        settle(count, null, 0, retries);
                    }
                    case Frames.FAILED -> {
                        int count = fromWorker.readInt();
                        int tries = fromWorker.readInt();
                        int retries = fromWorker.readInt();
                        settle(count, Throwables.decode(readBytes()), tries, retries);
                    }
                    case Frames.RECEIVED -> received(fromWorker.readInt());
                    case Frames.FATAL -> driver.fatal(Throwables.decode(readBytes()));
                    case Frames.ENDED -> {
                        ended = true;
                        driver.changed();
                    }
                    default -> throw new NotAFrameException(type);
                }
            }
        } catch (NotAFrameException e) {
            log.error("Stage '{}': worker {} wrote something that is not a protocol frame to its standard output "
                    + "(byte {}); its standard output is reserved for frames: print from stage code with System.out "
                    + "(it goes to stderr) and send JVM logging to stderr (-Xlog:...:stderr). Stopping the worker.",
                    driver.stageName(), slot + 1, e.type);
            process.destroyForcibly();
        } catch (EOFException e) {
            // end of the worker's output: it exited, normally or not
        } catch (IOException e) {
            if (process.isAlive() && !closing) {
                log.error("Stage '{}': cannot read what worker {} sends ({}); stopping the worker",
                        driver.stageName(), slot + 1, e.toString());
                process.destroyForcibly();
            }
        } catch (RuntimeException e) {
            log.error("Stage '{}': error while reading worker {}", driver.stageName(), slot + 1, e);
            process.destroyForcibly();
        }
        int status = exitStatus();
        if (closing) {
            driver.workerClosed(this);
        } else {
            driver.workerDied(this, status);
        }
    }

    /** The worker's standard output carried a byte that starts no frame: something else wrote to it. */
    private static final class NotAFrameException extends IOException {
        final int type;

        NotAFrameException(byte type) {
            super("not a frame: " + (type & 0xff));
            this.type = type & 0xff;
        }
    }

    /** Pumps the worker's standard error into the log, prefixed with the stage and worker. */
    void pumpStderr() {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                log.info("[{} worker {}] {}", driver.stageName(), slot + 1, line);
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

    private Object readItem() throws IOException {
        try {
            return codec.read(fromWorker);
        } catch (UnreadableItemException e) {
            if (deliveryFailure == null) {
                deliveryFailure = new IllegalStateException("stage '" + driver.stageName() + "' emitted an item "
                        + "its parent cannot read: " + e.getMessage(), e);
            }
            return Unreadable.INSTANCE;
        }
    }

    private byte[] readBytes() throws IOException {
        byte[] bytes = new byte[fromWorker.readInt()];
        fromWorker.readFully(bytes);
        return bytes;
    }

    private void deliver(String target, Object item) {
        if (item == Unreadable.INSTANCE) {
            return;
        }
        try {
            if (target == null) {
                lane.output.emit(item);
            } else {
                lane.output.to(target).emit(item);
            }
        } catch (RunStopped stopped) {
            dropped = true;
        } catch (RuntimeException e) {
            if (deliveryFailure == null) {
                deliveryFailure = e;
            }
        }
    }

    /** The worker settled its oldest {@code count} items: succeeded, or failed with {@code failure}. */
    private void settle(int count, Throwable failure, int tries, int retries) {
        // the settled items themselves are only needed to report a failure
        boolean keep = failure != null || deliveryFailure != null;
        Object[] settled = keep ? new Object[count] : null;
        synchronized (this) {
            for (int i = 0; i < count; i++) {
                if (keep) {
                    settled[i] = items[head];
                }
                items[head] = null;
                head = head + 1 == items.length ? 0 : head + 1;
            }
            size -= count;
            receivedNotSettled = Math.max(0, receivedNotSettled - count);
        }
        lane.retried(retries);
        lane.consumed(count);
        Throwable cause = failure != null ? failure : deliveryFailure;
        if (cause != null && !driver.stopping()) {
            long failedItems = failure != null ? count : 1;
            lane.failed(failedItems);
            lane.succeeded(count - failedItems);
            Object item = driver.isAccumulator() ? java.util.Arrays.asList(settled) : settled[0];
            driver.itemFailed(item, cause, Math.max(tries, 1));
        } else if (driver.stopping() && (dropped || failure != null)) {
            lane.cancelled(count);
        } else {
            lane.succeeded(count);
        }
        deliveryFailure = null;
        dropped = false;
        if (!driver.isAccumulator()) {
            lane.completed(count);
        }
        lane.busy(pending() > 0);
        driver.changed();
    }

    /** Accumulators: the worker buffered {@code count} more items, which now count as handled. */
    private void received(int count) {
        int skip;
        synchronized (this) {
            skip = Math.min(count, countedAhead);
            countedAhead -= skip;
            receivedNotSettled += count - skip;
        }
        lane.completed(count - skip);
        driver.changed();
    }

    /** Hands over every item this dead worker held, oldest first, with the receipts already counted. */
    synchronized Held takeHeld() {
        Object[] heldItems = new Object[size];
        int[] heldAttempts = new int[size];
        boolean headAlone = size > 0 && alone[head];
        for (int i = 0; i < size; i++) {
            int at = (head + i) % items.length;
            heldItems[i] = items[at];
            heldAttempts[i] = attempts[at];
            items[at] = null;
        }
        Held held = new Held(heldItems, heldAttempts, receivedNotSettled + countedAhead, headAlone);
        size = 0;
        receivedNotSettled = 0;
        countedAhead = 0;
        return held;
    }

    synchronized void countAhead(int counted) {
        countedAhead += counted;
    }

    /**
     * Items a dead worker held, how many of them were already counted as received, and whether the oldest was sent
     * alone (then the crash happened while it was in hand).
     */
    record Held(Object[] items, int[] attempts, int received, boolean headAlone) {
    }

    /** Marks an emitted item the parent could not read. */
    private enum Unreadable {
        INSTANCE
    }
}
