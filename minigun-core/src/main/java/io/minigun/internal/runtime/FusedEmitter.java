package io.minigun.internal.runtime;

import io.minigun.ConsumerFunction;
import io.minigun.MapFunction;
import io.minigun.ProcessorFunction;

/**
 * The output of a stage whose only static target is a fused processor or consumer: the hop into the next stage,
 * written out in one class so that the JIT can inline the next stage's body here. {@link FusedEmitters} defines a
 * copy of this class per class of stage body; each copy's call into the body then sees one receiver and inlines,
 * where the shared path ({@link Emitter} → {@link Target.Direct} → {@link StageRuntime#processWithRetries}) sees
 * every stage's bodies and cannot. Observably the same as that path: the same counts, retries, failures and
 * cancellation, which this class takes from {@link StageRuntime} for everything but an item's first attempt. Only
 * the choice of timed items differs: a chain of fused stages makes it once per item, at its first stage, and the
 * hops behind follow it ({@link Lane#inheritSample}), so that they carry no countdown of their own.
 *
 * <p>Must stay free of lambdas and nested classes: its bytes are copied as they are ({@link FusedEmitters}).
 */
class FusedEmitter extends Emitter {
    private final ItemStage next;
    private final Lane nextLane;
    /** The next stage's body, by its shape (the user's own function, so that no adapter sits in between). */
    private final ProcessorFunction<Object, Object> processor;
    private final MapFunction<Object, Object> map;
    private final ConsumerFunction<Object> consumer;
    /**
     * Whether the upstream is a processor or consumer, whose item has been through the timing decision: its timed
     * items are timed here too, its others are not. Behind any other stage (a producer, an accumulator…) the hop
     * decides itself, with the next lane's countdown.
     */
    private final boolean inherits;

    @SuppressWarnings("unchecked")
    FusedEmitter(StageRuntime stage, Lane lane, ItemStage next) {
        super(stage, lane);
        this.next = next;
        this.nextLane = next.lanes[0];
        Object code = next.userCode();
        this.map = code instanceof MapFunction<?, ?> f ? (MapFunction<Object, Object>) f : null;
        this.consumer = code instanceof ConsumerFunction<?> f ? (ConsumerFunction<Object>) f : null;
        this.processor = map == null && consumer == null ? next.body() : null;
        this.inherits = stage instanceof ItemStage;
    }

    /**
     * {@link ItemStage#onItem} with the first attempt made here; retries and failures go the shared way. A timed
     * item takes the same path with the clock read around it, not a second copy of it: a copy would carry a second
     * inlined copy of every fused stage downstream.
     */
    @Override
    public void emit(Object item) {
        checkEmit(item);
        depart();
        Lane to = nextLane;
        boolean timed;
        if (inherits) {
            timed = lane.sampling;
            if (timed) {
                to.inheritSample(lane);
            }
        } else {
            timed = to.startSample();
        }
        long start = timed ? System.nanoTime() : 0L;
        to.consumed();
        to.busy(true);
        try {
            invoke(item, to);
        } catch (Throwable t) {
            try {
                next.afterFailure(to, item, 1, t, timed, start);
            } finally {
                to.busy(false);
            }
            if (timed) {
                excludeFromUpstream(System.nanoTime() - start);
            }
            return;
        }
        to.busy(false);
        if (timed) {
            long elapsed = System.nanoTime() - start;
            to.endSample(elapsed);
            excludeFromUpstream(elapsed);
        }
        to.succeeded(1);
    }

    /** The upstream's timed item must not count the time its fused downstream took. */
    private void excludeFromUpstream(long nanos) {
        if (inherits) {
            lane.downstreamNanos += nanos;
        }
    }

    private void invoke(Object item, Lane to) throws Exception {
        if (map != null) {
            Object result = map.apply(item);
            if (result != null) {
                to.output.emit(result);
            }
        } else if (consumer != null) {
            consumer.accept(item);
        } else {
            processor.process(item, to.output);
        }
    }
}
