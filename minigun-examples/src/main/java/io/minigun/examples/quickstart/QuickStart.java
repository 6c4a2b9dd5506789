package io.minigun.examples.quickstart;

import io.minigun.Minigun;
import io.minigun.examples.Examples;

import java.util.List;

/** Ruby {@code 00_quick_start.rb}: a producer, a processor and a consumer, wired in declaration order. */
public final class QuickStart {

    private QuickStart() {
    }

    /** Doubles 0..9 and returns what the consumer received, in order. */
    public static List<Integer> run() {
        return Examples.collect(collect -> Minigun.pipeline("quick-start")
                .producer("generate", out -> {
                    for (int i = 0; i < 10; i++) {
                        out.emit(i);
                    }
                })
                .processor("double", (Integer n) -> n * 2)
                .consumer("collect", collect));
    }

    public static void main(String[] args) {
        System.out.println("Results: " + run());
    }
}
