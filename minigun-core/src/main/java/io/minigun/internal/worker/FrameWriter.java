package io.minigun.internal.worker;

import io.minigun.remote.RemoteFailures;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes the frames of the parent–worker protocol ({@link Frames}) into a pipe: the parent writes BOOT, RUN, ITEMS,
 * END and EXIT to a worker, a worker writes the rest back. {@link FrameReader} reads what this writes. Frames are
 * buffered until {@link #flush()}. Not thread-safe: one thread writes at a time.
 *
 * <p>Internal to Minigun: both sides of the protocol use it; applications do not.
 */
final class FrameWriter {
    private final DataOutputStream out;

    public FrameWriter(OutputStream pipe) {
        this.out = new DataOutputStream(new BufferedOutputStream(pipe, 1 << 16));
    }

    // ---- parent → worker -----------------------------------------------------------------------------------------

    /** The serialized {@link WorkerBoot}, first thing a worker reads. */
    public void boot(byte[] boot) throws IOException {
        out.writeByte(Frames.BOOT);
        out.writeInt(boot.length);
        out.write(boot);
    }

    /** The serialized {@link WorkerRun} the next items belong to. */
    public void run(byte[] run) throws IOException {
        out.writeByte(Frames.RUN);
        out.writeInt(run.length);
        out.write(run);
    }

    /** {@code count} items, already encoded one after the other by the codec into {@code encoded}. */
    public void items(int count, ByteArrayOutputStream encoded) throws IOException {
        out.writeByte(Frames.ITEMS);
        out.writeInt(count);
        encoded.writeTo(out);
    }

    /** The stage's input has ended: the worker flushes what it buffers and answers ENDED. */
    public void end() throws IOException {
        out.writeByte(Frames.END);
    }

    /** The worker exits. */
    public void exit() throws IOException {
        out.writeByte(Frames.EXIT);
    }

    // ---- worker → parent -----------------------------------------------------------------------------------------

    public void ready() throws IOException {
        out.writeByte(Frames.READY);
    }

    /**
     * Starts an emission along the DAG and returns where the codec writes the item, for items the codec writes
     * whole (they cannot fail half-way, so they need no copy aside).
     */
    public DataOutput beginEmit() throws IOException {
        out.writeByte(Frames.EMIT);
        return out;
    }

    /** An emission already encoded in {@code item}: along the DAG when {@code target} is null, else to it. */
    public void emit(String target, ByteArrayOutputStream item) throws IOException {
        if (target == null) {
            out.writeByte(Frames.EMIT);
        } else {
            out.writeByte(Frames.EMIT_TO);
            out.writeUTF(target);
        }
        item.writeTo(out);
    }

    /**
     * The oldest {@code count} unsettled items succeeded, after {@code retries} retries in all; with a latency
     * sample of {@code sampleNanos} that stands for {@code sampleWeight} items (none when the weight is 0).
     */
    public void done(int count, int retries, long sampleNanos, int sampleWeight) throws IOException {
        out.writeByte(Frames.DONE);
        out.writeInt(count);
        out.writeInt(retries);
        out.writeLong(sampleNanos);
        out.writeInt(sampleWeight);
    }

    /** The oldest {@code count} unsettled items (one item, or one batch) failed after {@code attempts} attempts. */
    public void failed(int count, int attempts, int retries, Throwable failure) throws IOException {
        byte[] exception = RemoteFailures.encode(failure);
        out.writeByte(Frames.FAILED);
        out.writeInt(count);
        out.writeInt(attempts);
        out.writeInt(retries);
        out.writeInt(exception.length);
        out.write(exception);
    }

    /** An accumulator has buffered {@code count} more items. */
    public void received(int count) throws IOException {
        out.writeByte(Frames.RECEIVED);
        out.writeInt(count);
    }

    /** An {@link Error} or abort in stage code: the run is aborted. */
    public void fatal(Throwable failure) throws IOException {
        byte[] exception = RemoteFailures.encode(failure);
        out.writeByte(Frames.FATAL);
        out.writeInt(exception.length);
        out.write(exception);
    }

    /** Everything up to END is settled. */
    public void ended() throws IOException {
        out.writeByte(Frames.ENDED);
    }

    public void flush() throws IOException {
        out.flush();
    }
}
