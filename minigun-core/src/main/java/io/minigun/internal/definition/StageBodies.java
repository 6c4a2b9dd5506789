package io.minigun.internal.definition;

import io.minigun.AccumulatorFunction;
import io.minigun.ConsumerFunction;
import io.minigun.EmittingConsumerFunction;
import io.minigun.ItemSource;
import io.minigun.MapFunction;
import io.minigun.Output;
import io.minigun.ProcessorFunction;
import io.minigun.ProducerFunction;

import java.util.Iterator;
import java.util.Objects;
import java.util.stream.BaseStream;

/** Normalizes the many shapes of user functions into one body type per stage kind, and what they may emit. */
public final class StageBodies {
    private StageBodies() {
    }

    /**
     * What every {@code Output.emit} throws for a {@code null} item, before it goes anywhere: the emitting stage's
     * item (or producer) fails with it, as with any exception from stage code, and nothing downstream sees the null.
     */
    public static NullPointerException nullItem(String stage) {
        return new NullPointerException("stage '" + stage + "' emitted null, and a pipeline carries no null items: "
                + "leave the emit out (a one-argument processor may return null to emit nothing), or emit an "
                + "Optional or a marker value");
    }

    @SuppressWarnings("unchecked")
    public static ProducerFunction<Object> producer(ProducerFunction<?> body) {
        return (ProducerFunction<Object>) Objects.requireNonNull(body, "producer body");
    }

    public static ProducerFunction<Object> producer(ItemSource<?> source) {
        Objects.requireNonNull(source, "producer source");
        return out -> emitAll(source.items(), out);
    }

    @SuppressWarnings("unchecked")
    public static ProcessorFunction<Object, Object> processor(ProcessorFunction<?, ?> body) {
        return (ProcessorFunction<Object, Object>) Objects.requireNonNull(body, "processor body");
    }

    @SuppressWarnings("unchecked")
    public static ProcessorFunction<Object, Object> processor(MapFunction<?, ?> body) {
        MapFunction<Object, Object> map = (MapFunction<Object, Object>) Objects.requireNonNull(body, "processor body");
        return (item, out) -> {
            Object result = map.apply(item);
            if (result != null) {
                out.emit(result);
            }
        };
    }

    @SuppressWarnings("unchecked")
    public static ProcessorFunction<Object, Object> consumer(ConsumerFunction<?> body) {
        ConsumerFunction<Object> consumer = (ConsumerFunction<Object>) Objects.requireNonNull(body, "consumer body");
        return (item, out) -> consumer.accept(item);
    }

    @SuppressWarnings("unchecked")
    public static ProcessorFunction<Object, Object> consumer(EmittingConsumerFunction<?, ?> body) {
        EmittingConsumerFunction<Object, Object> consumer =
                (EmittingConsumerFunction<Object, Object>) Objects.requireNonNull(body, "consumer body");
        return consumer::accept;
    }

    @SuppressWarnings("unchecked")
    public static AccumulatorFunction<Object, Object> accumulator(AccumulatorFunction<?, ?> body) {
        return (AccumulatorFunction<Object, Object>) body;
    }

    /** Emits every element of an {@code Iterable}, {@code Stream}, {@code Iterator} or array. */
    public static void emitAll(Object items, Output<Object> out) {
        if (items == null) {
            return;
        }
        if (items instanceof Iterable<?> iterable) {
            for (Object item : iterable) {
                out.emit(item);
            }
        } else if (items instanceof BaseStream<?, ?> stream) {
            try (stream) {
                Iterator<?> iterator = stream.iterator();
                while (iterator.hasNext()) {
                    out.emit(iterator.next());
                }
            }
        } else if (items instanceof Iterator<?> iterator) {
            while (iterator.hasNext()) {
                out.emit(iterator.next());
            }
        } else if (items instanceof Object[] array) {
            for (Object item : array) {
                out.emit(item);
            }
        } else {
            throw new IllegalStateException("A producer's item source returned a " + items.getClass().getName()
                    + "; return an Iterable, a Stream, an Iterator or an array");
        }
    }
}
