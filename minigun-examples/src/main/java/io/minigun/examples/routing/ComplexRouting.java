package io.minigun.examples.routing;

import io.minigun.Minigun;
import io.minigun.Output;
import io.minigun.examples.Examples;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Ruby {@code 04_complex_routing.rb}: fan-out at two levels. fetch → [validate, log]; validate keeps the even items
 * and sends them to [transform, archive]; transform → store.
 */
public final class ComplexRouting {

    private ComplexRouting() {
    }

    public record Outcome(List<Integer> logged, List<Integer> validated, List<Integer> archived,
                          List<Integer> transformed, List<Integer> stored) {
    }

    public static Outcome run() {
        List<Integer> logged = new CopyOnWriteArrayList<>();
        List<Integer> validated = new CopyOnWriteArrayList<>();
        List<Integer> archived = new CopyOnWriteArrayList<>();
        List<Integer> transformed = new CopyOnWriteArrayList<>();
        List<Integer> stored = new CopyOnWriteArrayList<>();
        Examples.ok(Minigun.pipeline("complex-routing")
                .producer("fetch", Examples.numbers(1, 10), s -> s.to("validate", "log"))
                .processor("validate", (Integer n, Output<Integer> out) -> {
                    validated.add(n);
                    if (n % 2 == 0) {
                        out.emit(n);
                    }
                }, s -> s.to("transform", "archive"))
                .consumer("log", (Integer n) -> logged.add(n))
                .processor("transform", (Integer n) -> {
                    transformed.add(n * 10);
                    return n * 10;
                }, s -> s.to("store"))
                .consumer("archive", (Integer n) -> archived.add(n))
                .consumer("store", (Integer n) -> stored.add(n))
                .build()
                .run());
        return new Outcome(List.copyOf(logged), List.copyOf(validated), List.copyOf(archived),
                List.copyOf(transformed), List.copyOf(stored));
    }

    public static void main(String[] args) {
        Outcome o = run();
        System.out.println("Logged:      " + o.logged());
        System.out.println("Validated:   " + o.validated());
        System.out.println("Archived:    " + o.archived());
        System.out.println("Transformed: " + o.transformed());
        System.out.println("Stored:      " + o.stored());
    }
}
