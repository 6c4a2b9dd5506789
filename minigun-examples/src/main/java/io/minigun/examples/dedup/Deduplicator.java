package io.minigun.examples.dedup;

import io.minigun.Input;
import io.minigun.LoopFunction;
import io.minigun.Minigun;
import io.minigun.Output;
import io.minigun.examples.Examples;

import java.io.Serializable;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Ruby {@code 46_deduplicator_stage.rb}: a reusable de-duplicating stage, a loop stage with a seen-set over a key.
 * One loop stage sees every item in order, so the first item with a key wins.
 */
public final class Deduplicator {

    private Deduplicator() {
    }

    /** A stage body that passes on the first item of each key and drops the rest. */
    public static <T, K> LoopFunction<T, T> distinctBy(SerializableKey<T, K> key) {
        return (Input<T> in, Output<T> out) -> {
            Set<K> seen = new HashSet<>();
            for (T item : in) {
                if (seen.add(key.apply(item))) {
                    out.emit(item);
                }
            }
        };
    }

    /** A key function that can be shipped with the stage. */
    public interface SerializableKey<T, K> extends Function<T, K>, Serializable {
    }

    public record User(int id, String name) {
    }

    /** De-duplicates {@code items} by {@code key} and returns what passed, in order. */
    public static <T, K> List<T> run(List<T> items, SerializableKey<T, K> key) {
        return Examples.collect(collect -> Minigun.pipeline("dedup")
                .producer("generate", () -> items)
                .stage("dedup", distinctBy(key))
                .consumer("collect", collect));
    }

    public static void main(String[] args) {
        System.out.println("Numbers: " + run(List.of(1, 2, 3, 2, 4, 1, 5, 3, 6, 4), n -> n));
        System.out.println("Users: " + run(List.of(new User(1, "Alice"), new User(2, "Bob"), new User(1, "Alice"),
                new User(3, "Charlie"), new User(2, "Bob (duplicate)"), new User(4, "David")), User::id));
        System.out.println("100 items modulo 20: "
                + run(IntStream.range(0, 100).map(i -> i % 20).boxed().toList(), n -> n).size()
                + " distinct");
    }
}
