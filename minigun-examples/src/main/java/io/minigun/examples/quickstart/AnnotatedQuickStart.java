package io.minigun.examples.quickstart;

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
 * Ruby {@code 00_quick_start_yield.rb}: the quick start as a class whose annotated methods are the stages (wired in
 * source order); the processor returns its result instead of emitting it.
 */
@MinigunPipeline(name = "annotated-quick-start")
public final class AnnotatedQuickStart {

    private final List<Integer> results = new CopyOnWriteArrayList<>();

    @Producer
    void generate(Output<Integer> out) {
        for (int i = 0; i < 10; i++) {
            out.emit(i);
        }
    }

    @Processor
    Integer doubler(Integer n) {
        return n * 2;
    }

    @Consumer
    void collect(Integer n) {
        results.add(n);
    }

    public static List<Integer> run() {
        AnnotatedQuickStart pipeline = new AnnotatedQuickStart();
        Examples.ok(Minigun.fromAnnotated(pipeline).run());
        return List.copyOf(pipeline.results);
    }

    public static void main(String[] args) {
        System.out.println("Results: " + run());
    }
}
