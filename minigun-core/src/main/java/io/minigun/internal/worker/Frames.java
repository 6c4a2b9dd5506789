package io.minigun.internal.worker;

import io.minigun.process.Codec;

/**
 * The frame types of the parent–worker protocol. Every frame starts with its type byte; lengths and counts are
 * big-endian ints, items are written by the pipeline's {@link Codec}.
 *
 * <pre>
 * parent → worker: BOOT len bytes | RUN len bytes | ITEMS count item* | END | EXIT
 * worker → parent: READY | EMIT item | EMIT_TO name item | DONE count retries nanos weight
 *                  | FAILED count attempts retries len bytes | RECEIVED count | FATAL len bytes | ENDED
 * </pre>
 *
 * BOOT (a serialized {@link WorkerBoot}) is the first frame a worker reads and RUN (a serialized {@link WorkerRun})
 * the second; a worker kept warm across runs is sent a RUN again before each later run's items. END asks for ENDED once
 * everything sent before it is settled; EXIT stops the worker.
 * DONE and FAILED settle the oldest unsettled items, in order; RECEIVED tells that an accumulator has buffered items.
 * DONE also carries a latency sample: {@code nanos} (a long) standing for {@code weight} items, or none when
 * {@code weight} is 0.
 */
final class Frames {
    public static final byte BOOT = 1;
    public static final byte ITEMS = 2;
    public static final byte END = 3;
    public static final byte EXIT = 4;
    public static final byte RUN = 5;

    public static final byte READY = 10;
    public static final byte EMIT = 11;
    public static final byte EMIT_TO = 12;
    public static final byte DONE = 13;
    public static final byte FAILED = 14;
    public static final byte RECEIVED = 15;
    public static final byte FATAL = 16;
    public static final byte ENDED = 17;

    private Frames() {
    }
}
