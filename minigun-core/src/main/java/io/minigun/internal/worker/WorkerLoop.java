package io.minigun.internal.worker;

import io.minigun.process.Codec;
import io.minigun.process.SerializationCodec;
import io.minigun.process.WorkerStage;

import io.minigun.AccumulatorFunction;
import io.minigun.Output;
import io.minigun.PipelineAbortException;
import io.minigun.ProcessorFunction;
import io.minigun.RunContext;
import io.minigun.RunHook;
import io.minigun.internal.definition.StageBodies;
import io.minigun.internal.definition.StageKind;
import io.minigun.internal.stats.LatencySampling;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * What a worker JVM does: read its boot, obtain the stage from its recipe, read its first run, run the
 * {@code afterFork} hooks (once per worker JVM, with the context of that first run), then run every item it is sent,
 * with retries, writing emissions and outcomes back in order. An accumulator batches inside the worker and flushes its
 * remainder when told the input has ended. A worker kept warm across runs is told each later run in a RUN frame, and
 * its stage code sees that run's context from then on.
 */
final class WorkerLoop {
    private static final Object END = FrameReader.END;
    private static final Object EXIT = FrameReader.EXIT;

    private final FrameReader in;
    private final FrameWriter out;
    private final ByteArrayOutputStream scratchBytes = new ByteArrayOutputStream(256);
    private final DataOutputStream scratch = new DataOutputStream(scratchBytes);
    private WorkerBoot boot;
    private Codec codec;
    /** The codec when it is the default one, whose compact values are written without an intermediate copy. */
    private SerializationCodec compact;
    private RunContext context;
    private Emitter emitter;
    private int pendingDone;
    private int pendingRetries;
    /** Items until the next timed one, the interval it stands for, and the pending sample (weight 0: none). */
    private int untilSample = 1;
    private int sampleInterval = 1;
    private long sampleNanos;
    private int sampleWeight;
    private List<Object> buffer;
    private long firstBufferedNanos;

    WorkerLoop(FrameReader in, FrameWriter out) {
        this.in = in;
        this.out = out;
    }

    int run() {
        Object body;
        try {
            boot = in.readBoot();
            codec = boot.codec();
            compact = codec instanceof SerializationCodec serialization ? serialization : null;
            WorkerStage stage = boot.recipe().create();
            body = stage.body();
            // a worker started ahead of any run (PipelineExecutor.startWorkers) waits here for its first run, so
            // that its afterFork hooks see a real run
            Object first = readFrameOrExit();
            if (first == EXIT) {
                return 0;
            }
            if (!(first instanceof WorkerRun run)) {
                throw new IllegalStateException("expected the run frame after the boot frame");
            }
            context = new WorkerContext(run);
            emitter = new Emitter(null);
            for (RunHook hook : stage.afterFork()) {
                hook.run(context);
            }
            out.ready();
            out.flush();
        } catch (Throwable t) {
            System.err.println("minigun worker: cannot start stage" + (boot == null ? "" : " '" + boot.stage() + "'")
                    + ": " + t);
            t.printStackTrace();
            fatal(t);
            return 1;
        }
        BlockingQueue<Object> frames = null;
        if (hasFlushTimer()) {
            // the timer needs a wait that a frame can cut short: frames are read on their own thread
            BlockingQueue<Object> queue = new ArrayBlockingQueue<>(4);
            Thread reader = new Thread(() -> readFrames(queue), "minigun-worker-reader");
            reader.setDaemon(true);
            reader.start();
            frames = queue;
        }
        buffer = new ArrayList<>();
        try {
            while (true) {
                Object frame = frames != null ? nextFrame(frames) : readFrameOrExit();
                if (frame == EXIT) {
                    out.flush();
                    return 0;
                }
                if (frame instanceof WorkerRun run) {
                    // a warm worker starts serving the next run: nothing of the last one is buffered (it ended)
                    context = new WorkerContext(run);
                } else if (frame == END) {
                    if (boot.kind() == StageKind.ACCUMULATOR && !buffer.isEmpty()) {
                        flushBatch(body);
                    }
                    settle();
                    out.ended();
                    out.flush();
                } else if (frame instanceof Object[] items) {
                    handle(body, items);
                    settle();
                    out.flush();
                } else {
                    if (boot.kind() == StageKind.ACCUMULATOR && !buffer.isEmpty()) {
                        flushBatch(body);
                        settle();
                        out.flush();
                    }
                }
            }
        } catch (Fatal fatal) {
            fatal(fatal.getCause());
            return 1;
        } catch (IOException e) {
            return 2;
        }
    }

    private Object nextFrame(BlockingQueue<Object> frames) throws IOException {
        try {
            if (boot.kind() == StageKind.ACCUMULATOR && boot.maxWaitNanos() >= 0 && !buffer.isEmpty()) {
                long wait = firstBufferedNanos + boot.maxWaitNanos() - System.nanoTime();
                Object frame = frames.poll(Math.max(0, wait), TimeUnit.NANOSECONDS);
                return frame != null ? frame : Boolean.TRUE;
            }
            return frames.take();
        } catch (InterruptedException e) {
            throw new IOException("interrupted", e);
        }
    }

    /** An accumulator with {@code maxWait} flushes on time, so it must not block in a read. */
    private boolean hasFlushTimer() {
        return boot.kind() == StageKind.ACCUMULATOR && boot.maxWaitNanos() >= 0;
    }

    /** The reader thread of a stage with a flush timer: hands every frame to the main thread. */
    private void readFrames(BlockingQueue<Object> frames) {
        try {
            while (true) {
                Object frame = readFrameOrExit();
                frames.put(frame);
                if (frame == EXIT) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            System.err.println("minigun worker: interrupted while reading from the parent");
            Runtime.getRuntime().halt(2);
        }
    }

    /** The next frame from the parent: a run, items, END or EXIT. Exits the JVM when the parent closed the pipe. */
    private Object readFrameOrExit() {
        try {
            return in.readFromParent();
        } catch (EOFException e) {
            Runtime.getRuntime().halt(0);
        } catch (IOException e) {
            System.err.println("minigun worker: cannot read from the parent: " + e);
            Runtime.getRuntime().halt(2);
        }
        throw new AssertionError("halted");
    }

    @SuppressWarnings("unchecked")
    private void handle(Object body, Object[] items) throws IOException {
        if (boot.kind() == StageKind.ACCUMULATOR) {
            out.received(items.length);
            for (Object item : items) {
                if (buffer.isEmpty()) {
                    firstBufferedNanos = System.nanoTime();
                }
                buffer.add(item);
                if (buffer.size() >= boot.maxSize()) {
                    flushBatch(body);
                }
            }
            return;
        }
        ProcessorFunction<Object, Object> processor = (ProcessorFunction<Object, Object>) body;
        for (int i = 0; i < items.length; i++) {
            Object item = items[i];
            boolean timed = startSample();
            long start = timed ? System.nanoTime() : 0L;
            try {
                processor.process(item, emitter);
                pendingDone++;
            } catch (Fatal fatal) {
                throw fatal;
            } catch (Throwable t) {
                // the rare path: the general loop retries (running the item again) and reports the outcome
                if (t instanceof Error || t instanceof PipelineAbortException) {
                    settle();
                    throw new Fatal(t);
                }
                if (!attempt(item, 1, () -> processor.process(item, emitter), t)) {
                    continue;
                }
            }
            if (timed) {
                sampled(System.nanoTime() - start);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void flushBatch(Object body) throws IOException {
        List<Object> batch = buffer;
        buffer = new ArrayList<>();
        AccumulatorFunction<Object, Object> accumulator = (AccumulatorFunction<Object, Object>) body;
        boolean timed = startSample();
        long start = timed ? System.nanoTime() : 0L;
        boolean done = attempt(batch, batch.size(), () -> {
            if (accumulator == null) {
                emitter.emit(batch);
            } else {
                accumulator.flush(batch, emitter);
            }
        }, null);
        if (done && timed) {
            sampled(System.nanoTime() - start);
        }
    }

    /**
     * Whether the next item or batch is timed, by the rule of in-process lanes ({@link LatencySampling}): one
     * decrement unless it is. The countdown restarts here, so an item that fails (not timed) changes nothing.
     */
    private boolean startSample() {
        if (LatencySampling.ENABLED && --untilSample == 0) {
            untilSample = sampleInterval;
            return true;
        }
        return false;
    }

    /** A timed item or batch succeeded: settles at once, so that its DONE carries its time and weight. */
    private void sampled(long nanos) throws IOException {
        sampleNanos = nanos;
        sampleWeight = sampleInterval;
        sampleInterval = LatencySampling.nextInterval(sampleInterval, nanos);
        untilSample = sampleInterval;
        settle();
    }

    /**
     * Runs one item or batch with retries and records its outcome for {@code weight} items. {@code firstFailure} is
     * the failure of a first attempt already made by the caller (then the next attempt is a retry), or null.
     * Returns whether it succeeded.
     */
    private boolean attempt(Object item, int weight, Body work, Throwable firstFailure) throws IOException {
        int attempts = 0;
        Throwable failed = firstFailure;
        while (true) {
            attempts++;
            try {
                if (failed != null) {
                    Throwable t = failed;
                    failed = null;
                    throw t;
                }
                work.run();
                pendingDone += weight;
                return true;
            } catch (Fatal fatal) {
                throw fatal;
            } catch (Throwable t) {
                if (t instanceof Error || t instanceof PipelineAbortException) {
                    settle();
                    throw new Fatal(t);
                }
                if (attempts <= boot.retries()) {
                    pendingRetries++;
                    sleep(boot.backoffNanos() << Math.min(attempts - 1, 30));
                    continue;
                }
                settle();
                out.failed(weight, attempts, pendingRetries, t);
                pendingRetries = 0;
                return false;
            }
        }
    }

    /** Writes the pending successes, so that every outcome is reported in order. */
    private void settle() throws IOException {
        if (pendingDone > 0) {
            out.done(pendingDone, pendingRetries, sampleNanos, sampleWeight);
            pendingDone = 0;
            pendingRetries = 0;
            sampleWeight = 0;
        }
    }

    private void fatal(Throwable t) {
        try {
            out.fatal(t);
            out.flush();
        } catch (IOException ignored) {
            // the parent is gone; nothing to tell
        }
    }

    private static void sleep(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(Math.min(nanos, TimeUnit.HOURS.toNanos(1)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @FunctionalInterface
    private interface Body {
        void run() throws Exception;
    }

    /** An Error or abort in stage code: the worker reports it and stops. */
    private static final class Fatal extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Fatal(Throwable cause) {
            super(cause);
        }
    }

    /** The worker's {@link Output}: emissions are encoded whole before they are written, so one bad item fails alone. */
    private final class Emitter implements Output<Object> {
        private final String target;

        Emitter(String target) {
            this.target = target;
        }

        @Override
        public void emit(Object item) {
            if (item == null) {
                throw StageBodies.nullItem(boot.stage());
            }
            try {
                if (target == null && compact != null && compact.writesWhole(item)) {
                    // cannot fail half-way: no need to encode aside first
                    compact.write(item, out.beginEmit());
                    return;
                }
                scratchBytes.reset();
                codec.write(item, scratch);
                out.emit(target, scratchBytes);
            } catch (java.io.NotSerializableException e) {
                throw new IllegalArgumentException("stage '" + boot.stage() + "' emitted a "
                        + item.getClass().getName() + ", which cannot be sent from its "
                        + "worker JVM to the parent: " + e.getMessage(), e);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("stage '" + boot.stage() + "' cannot send an item to the "
                        + "parent: " + e.getMessage(), e);
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public <R> Output<R> to(String stage) {
            return (Output<R>) new Emitter(stage);
        }

        @Override
        public RunContext context() {
            return context;
        }
    }

    private record WorkerContext(String runId, String pipelineName, Map<String, Object> parameters)
            implements RunContext {
        WorkerContext(WorkerRun run) {
            this(run.runId(), run.rootPipeline(), run.parameters());
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    }
}
