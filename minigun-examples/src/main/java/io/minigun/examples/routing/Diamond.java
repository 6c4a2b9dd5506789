package io.minigun.examples.routing;

import io.minigun.Minigun;
import io.minigun.examples.Examples;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Ruby {@code 02_diamond.rb}: one producer feeds two branches ({@code to} several stages broadcasts), and both branches
 * join in one merge stage, which ends once both have ended.
 */
public final class Diamond {

    private Diamond() {
    }

    /** What each branch computed and everything the merge stage received. */
    public record Outcome(List<Integer> pathA, List<Integer> pathB, List<Integer> merged) {
    }

    public static Outcome run() {
        List<Integer> pathA = new CopyOnWriteArrayList<>();
        List<Integer> pathB = new CopyOnWriteArrayList<>();
        List<Integer> merged = new CopyOnWriteArrayList<>();
        Examples.ok(Minigun.pipeline("diamond")
                .producer("source", Examples.numbers(1, 5), s -> s.to("path_a", "path_b"))
                .processor("path_a", (Integer n) -> {
                    pathA.add(n * 2);
                    return n * 2;
                }, s -> s.to("merge"))
                .processor("path_b", (Integer n) -> {
                    pathB.add(n * 3);
                    return n * 3;
                }, s -> s.to("merge"))
                .consumer("merge", (Integer n) -> merged.add(n))
                .build()
                .run());
        return new Outcome(List.copyOf(pathA), List.copyOf(pathB), List.copyOf(merged));
    }

    public static void main(String[] args) {
        Outcome outcome = run();
        System.out.println("Path A: " + outcome.pathA());
        System.out.println("Path B: " + outcome.pathB());
        System.out.println("Merged " + outcome.merged().size() + " items: " + Examples.sorted(outcome.merged()));
    }
}
