package io.minigun.internal.worker;

import io.minigun.process.Codec;
import io.minigun.process.ProcessOptions;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * One worker JVM as the parent holds it, for as long as it lives, which may be many runs when it is kept warm: the
 * process, its pipes with their frame writer and reader, whether it has booted, and the pump that logs its standard
 * error. What belongs to one run (the items it holds, its lane, the thread that reads it during the run) is a
 * {@link WorkerConnection}.
 */
final class WorkerProcess {
    private static final Logger log = LoggerFactory.getLogger(WorkerProcess.class);

    private final Process process;
    private final FrameWriter toWorker;
    private final FrameReader fromWorker;
    /** Who the worker is in log lines: {@code pipeline/stage worker n}. */
    private final String label;
    private volatile boolean ready;
    /** Whether the worker has been idle in a pool: a run that takes it did not start it. */
    private volatile boolean pooled;

    private WorkerProcess(Process process, Codec codec, String label) {
        this.process = process;
        this.toWorker = new FrameWriter(process.getOutputStream());
        this.fromWorker = new FrameReader(process.getInputStream(), codec);
        this.label = label;
    }

    /**
     * Starts a worker JVM, sends it its boot frame, and starts the pump of its standard error with {@code threads}
     * (a thread of the run, or of the pool that keeps the worker). {@code boot} is the serialized
     * {@link WorkerBoot}, made before the JVM starts, so that what cannot be serialized never leaves a worker behind.
     */
    static WorkerProcess start(byte[] boot, ProcessOptions options, Codec codec, String label,
                               BiConsumer<String, Runnable> threads) throws IOException {
        WorkerProcess worker = new WorkerProcess(WorkerProcesses.start(options.jvmArgs()), codec, label);
        try {
            worker.write(writer -> writer.boot(boot));
        } catch (IOException e) {
            // the worker died at once: whoever reads it next sees its end, like any other crash
        }
        threads.accept("stderr", worker::pumpStderr);
        return worker;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Whether the worker has booted (said READY once); a warm worker stays ready for every later run. */
    boolean isReady() {
        return ready;
    }

    void markReady() {
        ready = true;
    }

    boolean wasPooled() {
        return pooled;
    }

    void markPooled() {
        pooled = true;
    }

    /** Reads one frame of what the worker says (only one thread reads a worker at a time). */
    void read(FrameReader.WorkerFrames frames) throws IOException {
        fromWorker.readFromWorker(frames);
    }

    /** Something that writes frames. */
    interface Frame {
        void writeTo(FrameWriter writer) throws IOException;
    }

    /**
     * Writes frames and flushes them, one writer at a time; may block on a full pipe.
     *
     * @throws IOException when the pipe is broken (the worker is gone)
     */
    synchronized void write(Frame frames) throws IOException {
        frames.writeTo(toWorker);
        toWorker.flush();
    }

    /** Writes {@code count} items already encoded into {@code encoded}: the dispatcher's hot path, no lambda. */
    synchronized void writeItems(int count, java.io.ByteArrayOutputStream encoded) throws IOException {
        toWorker.items(count, encoded);
        toWorker.flush();
    }

    /** Writes a frame without items, ignoring a broken pipe: whoever reads the worker sees its end. */
    void control(Frame frame) {
        try {
            write(frame);
        } catch (IOException e) {
            // the worker is gone
        }
    }

    /** Asks the worker to exit, without waiting (so that several workers shut down at once). */
    void requestExit() {
        control(FrameWriter::exit);
    }

    /** Waits for a worker asked to exit, killing it if it does not in time. */
    void awaitExit(long timeoutMillis) {
        try {
            if (!process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
                log.warn("[{}] (pid {}) did not exit in time; killing it", label, process.pid());
                process.destroyForcibly().waitFor(timeoutMillis, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    void kill() {
        process.destroyForcibly();
    }

    /** Runs {@code action} once the JVM has exited (on a JDK thread: keep it short). */
    void onExit(Runnable action) {
        process.onExit().thenRun(action);
    }

    /** The exit status, once the JVM has exited (waiting for it); -1 when interrupted. */
    int exitStatus() {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Pumps the worker's standard error into the log, prefixed with the stage and worker, until it ends. */
    private void pumpStderr() {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                log.info("[{}] {}", label, line);
            }
        } catch (IOException e) {
            // the worker is gone
        }
    }

    @Override
    public String toString() {
        return label + " (pid " + process.pid() + ")";
    }
}
