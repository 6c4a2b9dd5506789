package io.minigun.examples.contexts;

import io.minigun.ContextType;
import io.minigun.Minigun;
import io.minigun.examples.Examples;

import java.util.List;

/** Ruby {@code 27_inline_execution.rb}: an INLINE stage runs in the thread that emits to it, so order is kept. */
public final class InlineExecution {

    private InlineExecution() {
    }

    public static List<Integer> run() {
        return Examples.collect(collect -> Minigun.pipeline("inline")
                .producer("generate", Examples.numbers(0, 4))
                .processor("double", (Integer n) -> n * 2, s -> s.concurrency(ContextType.INLINE))
                .consumer("collect", collect));
    }

    public static void main(String[] args) {
        System.out.println("Results: " + run());
    }
}
