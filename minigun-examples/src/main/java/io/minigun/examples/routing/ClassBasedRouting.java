package io.minigun.examples.routing;

import io.minigun.Minigun;
import io.minigun.Output;
import io.minigun.annotation.Consumer;
import io.minigun.annotation.MinigunPipeline;
import io.minigun.annotation.Processor;
import io.minigun.annotation.Producer;
import io.minigun.examples.Examples;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Ruby {@code 63_yield_with_classes.rb} and {@code 69_yield_routing.rb}: routing from an annotated class. The
 * parity router sends each number by name to the even stage (×2) or the odd stage (×3); both are {@code await}
 * stages that only dynamic routing reaches.
 */
@MinigunPipeline(name = "class-based-routing")
public final class ClassBasedRouting {

    private final List<Integer> even = new CopyOnWriteArrayList<>();
    private final List<Integer> odd = new CopyOnWriteArrayList<>();

    public record Outcome(List<Integer> even, List<Integer> odd) {
    }

    @Producer
    void generate(Output<Integer> out) {
        for (int n = 0; n < 10; n++) {
            out.emit(n);
        }
    }

    @Processor(from = "generate")
    void parity(Integer n, Output<Integer> out) {
        out.<Integer>to(n % 2 == 0 ? "double_even" : "triple_odd").emit(n);
    }

    @Consumer(name = "double_even", await = true)
    void doubleEven(Integer n) {
        even.add(n * 2);
    }

    @Consumer(name = "triple_odd", await = true)
    void tripleOdd(Integer n) {
        odd.add(n * 3);
    }

    public static Outcome run() {
        ClassBasedRouting pipeline = new ClassBasedRouting();
        Examples.ok(Minigun.fromAnnotated(pipeline).run());
        return new Outcome(List.copyOf(pipeline.even), List.copyOf(pipeline.odd));
    }

    public static void main(String[] args) {
        Outcome o = run();
        System.out.println("Even ×2: " + o.even() + ", odd ×3: " + o.odd());
    }
}
