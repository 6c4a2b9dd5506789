package io.minigun.examples.routing;

import io.minigun.Minigun;
import io.minigun.examples.Examples;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Ruby {@code 16_mixed_routing.rb} (and its twin {@code 99_test_mixed.rb}): explicit and automatic wiring in one
 * pipeline. generate → [path_a, path_b]; path_a → collect explicitly; path_b has no {@code to}, so it feeds the next
 * stage declared, transform; transform → collect.
 */
public final class MixedRouting {

    private MixedRouting() {
    }

    public record Outcome(List<Integer> fromA, List<Integer> fromB, List<Integer> results) {
    }

    public static Outcome run() {
        List<Integer> fromA = new CopyOnWriteArrayList<>();
        List<Integer> fromB = new CopyOnWriteArrayList<>();
        List<Integer> results = new CopyOnWriteArrayList<>();
        Examples.ok(Minigun.pipeline("mixed-routing")
                .producer("generate", Examples.numbers(0, 2), s -> s.to("path_a", "path_b"))
                .processor("path_a", (Integer n) -> {
                    fromA.add(n);
                    return n * 10;
                }, s -> s.to("collect"))
                .processor("path_b", (Integer n) -> {
                    fromB.add(n);
                    return n * 100;
                })
                .processor("transform", (Integer n) -> n + 1, s -> s.to("collect"))
                .consumer("collect", (Integer n) -> results.add(n))
                .build()
                .run());
        return new Outcome(List.copyOf(fromA), List.copyOf(fromB), Examples.sorted(results));
    }

    public static void main(String[] args) {
        Outcome o = run();
        System.out.println("From A: " + o.fromA() + ", from B: " + o.fromB() + ", final: " + o.results());
    }
}
