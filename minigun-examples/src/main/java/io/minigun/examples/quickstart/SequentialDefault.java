package io.minigun.examples.quickstart;

import io.minigun.Minigun;
import io.minigun.examples.Examples;

import java.util.List;

/** Ruby {@code 01_sequential_default.rb}: with no {@code to}, each stage feeds the next one declared. */
public final class SequentialDefault {

    private SequentialDefault() {
    }

    public static List<Integer> run() {
        return Examples.collect(collect -> Minigun.pipeline("sequential")
                .producer("generate", Examples.numbers(1, 3))
                .processor("double", (Integer n) -> n * 2)
                .processor("add_ten", (Integer n) -> n + 10)
                .consumer("collect", collect));
    }

    public static void main(String[] args) {
        System.out.println("Results: " + run());
    }
}
