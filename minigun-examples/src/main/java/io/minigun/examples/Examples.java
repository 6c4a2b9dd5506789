package io.minigun.examples;

import io.minigun.ConsumerFunction;
import io.minigun.ItemSource;
import io.minigun.Pipeline;
import io.minigun.PipelineBuilder;
import io.minigun.RunResult;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.stream.IntStream;

/** Small helpers shared by the examples. */
public final class Examples {

    private Examples() {
    }

    /** A producer body emitting {@code from..to}, both included (serializable, so it can feed worker JVMs too). */
    public static ItemSource<Integer> numbers(int from, int to) {
        return () -> IntStream.rangeClosed(from, to).boxed().toList();
    }

    /** The items in natural order: what a stage with several workers collected arrives in any order. */
    public static <T extends Comparable<? super T>> List<T> sorted(Collection<T> items) {
        List<T> copy = new ArrayList<>(items);
        copy.sort(null);
        return List.copyOf(copy);
    }

    /** The items ordered by an int key, such as an id. */
    public static <T> List<T> sortedBy(Collection<T> items, ToIntFunction<T> key) {
        return items.stream().sorted(Comparator.comparingInt(key)).toList();
    }

    /** Where the plan runs each of {@code stages}, as "TYPE×workers" ("THREAD×4"), in the order given. */
    public static Map<String, String> placement(Pipeline pipeline, String... stages) {
        Map<String, String> placement = new LinkedHashMap<>();
        for (String stage : stages) {
            placement.put(stage, pipeline.plan().contextType(stage) + "×" + pipeline.plan().workers(stage));
        }
        return placement;
    }

    /** Throws unless the run completed without failures; returns it for chaining. */
    public static RunResult ok(RunResult result) {
        return result.throwIfFailed();
    }

    /**
     * Builds and runs the pipeline that {@code definition} declares around a collecting consumer body, checks that it
     * completed without failures, and returns what that consumer received, in arrival order.
     */
    public static <T> List<T> collect(Function<ConsumerFunction<T>, PipelineBuilder> definition) {
        List<T> results = new CopyOnWriteArrayList<>();
        ok(definition.apply(results::add).build().run());
        return List.copyOf(results);
    }
}
