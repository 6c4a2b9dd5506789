package io.minigun.internal.worker;

import io.minigun.remote.RemoteFailures;
import io.minigun.process.Codec;
import io.minigun.process.UnreadableItemException;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;

/**
 * Reads the frames {@link FrameWriter} writes: a worker reads its boot and then runs, items, END or EXIT; the parent
 * reads what a worker says, one frame at a time, into a {@link WorkerFrames}. Items are decoded with the stage's
 * codec; an item the codec cannot read fails alone and leaves the stream in step.
 *
 * <p>Internal to Minigun: both sides of the protocol use it; applications do not.
 */
final class FrameReader {
    /** Returned by {@link #readFromParent()} for END. */
    public static final Object END = new Object();
    /** Returned by {@link #readFromParent()} for EXIT. */
    public static final Object EXIT = new Object();

    private final DataInputStream in;
    private Codec codec;

    /** @param codec how items are decoded; null on a worker until its boot frame is read */
    public FrameReader(InputStream pipe, Codec codec) {
        this.in = new DataInputStream(new BufferedInputStream(pipe, 1 << 16));
        this.codec = codec;
    }

    /** What a worker says; the parent's reader calls one method per frame. */
    public interface WorkerFrames {
        void ready();

        /** An emission: along the DAG when {@code target} is null, else routed to that stage. */
        void emitted(String target, Object item);

        /** An emission the parent cannot decode: it fails the item that made it. */
        void unreadable(String target, UnreadableItemException e);

        void done(int count, int retries, long sampleNanos, int sampleWeight);

        void failed(int count, int attempts, int retries, Throwable failure);

        void received(int count);

        void fatal(Throwable failure);

        void ended();
    }

    /** A byte that starts no frame: something other than the protocol wrote to the pipe. */
    public static final class NotAFrameException extends IOException {
        private static final long serialVersionUID = 1L;
        private final int type;

        NotAFrameException(byte type) {
            super("not a frame: byte " + (type & 0xff));
            this.type = type & 0xff;
        }

        public int type() {
            return type;
        }
    }

    // ---- worker side ---------------------------------------------------------------------------------------------

    /** The boot frame; from now on items are decoded with the boot's codec. */
    public WorkerBoot readBoot() throws IOException, ClassNotFoundException {
        byte type = in.readByte();
        if (type != Frames.BOOT) {
            throw new IOException("expected the boot frame, got " + type);
        }
        WorkerBoot read = (WorkerBoot) readObject();
        codec = read.codec();
        return read;
    }

    /**
     * The next frame from the parent: a {@link WorkerRun}, an {@code Object[]} of items, {@link #END} or
     * {@link #EXIT}.
     *
     * @throws EOFException when the parent closed the pipe
     */
    public Object readFromParent() throws IOException {
        byte type = in.readByte();
        switch (type) {
            case Frames.RUN -> {
                try {
                    return readObject();
                } catch (ClassNotFoundException e) {
                    throw new IOException("cannot read the run frame: " + e, e);
                }
            }
            case Frames.ITEMS -> {
                int count = in.readInt();
                Object[] items = new Object[count];
                for (int i = 0; i < count; i++) {
                    items[i] = readItem();
                }
                return items;
            }
            case Frames.END -> {
                return END;
            }
            case Frames.EXIT -> {
                return EXIT;
            }
            default -> throw new NotAFrameException(type);
        }
    }

    // ---- parent side ---------------------------------------------------------------------------------------------

    /**
     * Reads one frame from a worker and tells {@code frames}.
     *
     * @throws EOFException        when the worker's output ended (it exited)
     * @throws NotAFrameException  when a byte starts no frame
     */
    public void readFromWorker(WorkerFrames frames) throws IOException {
        byte type = in.readByte();
        switch (type) {
            case Frames.READY -> frames.ready();
            case Frames.EMIT -> readEmission(null, frames);
            case Frames.EMIT_TO -> readEmission(in.readUTF(), frames);
            case Frames.DONE -> frames.done(in.readInt(), in.readInt(), in.readLong(), in.readInt());
            case Frames.FAILED -> {
                int count = in.readInt();
                int attempts = in.readInt();
                int retries = in.readInt();
                frames.failed(count, attempts, retries, RemoteFailures.decode(readBytes()));
            }
            case Frames.RECEIVED -> frames.received(in.readInt());
            case Frames.FATAL -> frames.fatal(RemoteFailures.decode(readBytes()));
            case Frames.ENDED -> frames.ended();
            default -> throw new NotAFrameException(type);
        }
    }

    private void readEmission(String target, WorkerFrames frames) throws IOException {
        Object item;
        try {
            item = readItem();
        } catch (UnreadableItemException e) {
            frames.unreadable(target, e);
            return;
        }
        frames.emitted(target, item);
    }

    /** An item, through the codec: a codec that reads {@code null} wrote no item a pipeline carries. */
    private Object readItem() throws IOException {
        Object item = codec.read(in);
        if (item == null) {
            throw new UnreadableItemException("the codec " + codec.getClass().getName() + " read null, and items "
                    + "are never null: its read must return what its write was given", null);
        }
        return item;
    }

    /** A length-prefixed serialized object (BOOT and RUN frames), read with plain Java serialization. */
    private Object readObject() throws IOException, ClassNotFoundException {
        try (ObjectInputStream object = new ObjectInputStream(new ByteArrayInputStream(readBytes()))) {
            return object.readObject();
        }
    }

    private byte[] readBytes() throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return bytes;
    }
}
