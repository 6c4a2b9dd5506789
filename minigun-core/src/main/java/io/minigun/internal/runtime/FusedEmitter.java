package io.minigun.internal.runtime;

import io.minigun.ConsumerFunction;
import io.minigun.MapFunction;
import io.minigun.ProcessorFunction;

/**
 * The output of a stage whose only static target is a fused processor or consumer: the hop into the next stage,
 * written out in one class so that the JIT can inline the next stage's body here. {@link FusedEmitters} defines a
 * copy of this class per class of stage body; each copy's call into the body then sees one receiver and inlines,
 * where the shared path ({@link Emitter} → {@link Target.Direct} → {@link StageRuntime#processWithRetries}) sees
 * every stage's bodies and cannot. Observably the same as that path: the same counts, sampling, retries, failures
 * and cancellation, which this class takes from {@link StageRuntime} for everything but an item's first attempt.
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

    @SuppressWarnings("unchecked")
    FusedEmitter(StageRuntime stage, Lane lane, ItemStage next) {
        super(stage, lane);
        this.next = next;
        this.nextLane = next.lanes[0];
        Object code = next.userCode();
        this.map = code instanceof MapFunction<?, ?> f ? (MapFunction<Object, Object>) f : null;
        this.consumer = code instanceof ConsumerFunction<?> f ? (ConsumerFunction<Object>) f : null;
        this.processor = map == null && consumer == null ? next.body() : null;
    }

    @Override
    public void emit(Object item) {
        checkRunning();
        depart();
        // a timed item's own time must not include the next stage's, so the next stage's is timed too
        boolean timed = lane.sampling;
        long start = timed ? System.nanoTime() : 0L;
        deliver(item);
        if (timed) {
            lane.downstreamNanos += System.nanoTime() - start;
        }
    }

    /** {@link ItemStage#onItem} with the first attempt made here; timing and failures go the shared way. */
    private void deliver(Object item) {
        Lane to = nextLane;
        to.consumed();
        to.busy(true);
        try {
            if (to.startSample()) {
                next.processTimed(to, item, 1);
                return;
            }
            try {
                invoke(item, to);
            } catch (Throwable t) {
                next.afterFailure(to, item, 1, t, false, 0L);
                return;
            }
            to.succeeded(1);
        } finally {
            to.busy(false);
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
