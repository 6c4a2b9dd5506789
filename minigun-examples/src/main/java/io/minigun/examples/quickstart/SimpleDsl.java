package io.minigun.examples.quickstart;

import io.minigun.Minigun;
import io.minigun.Output;
import io.minigun.examples.Examples;

import java.util.List;

/** Ruby {@code 000_new_dsl_simple.rb}: the smallest pipeline, generate → double → collect, emitting its results. */
public final class SimpleDsl {

    private SimpleDsl() {
    }

    public static List<Integer> run() {
        return Examples.collect(collect -> Minigun.pipeline("simple")
                .producer("generate", Examples.numbers(1, 5))
                .processor("double", (Integer n, Output<Integer> out) -> out.emit(n * 2))
                .consumer("collect", collect));
    }

    public static void main(String[] args) {
        System.out.println("Results: " + run());
    }
}
