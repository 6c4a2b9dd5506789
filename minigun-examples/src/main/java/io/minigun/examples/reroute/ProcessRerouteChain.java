package io.minigun.examples.reroute;

import io.minigun.ContextType;
import io.minigun.Minigun;
import io.minigun.PipelineBuilder;
import io.minigun.examples.Examples;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Ruby {@code 94} (reroute across thread and fork stages): 1..6 → +10 on threads → ×2 in worker JVMs → collect. A
 * −5 stage in worker JVMs waits unwired ({@code await(true)}); rerouting every edge runs the chain as −5 → ×2 → +10.
 */
public final class ProcessRerouteChain {

    private ProcessRerouteChain() {
    }

    public static final UnaryOperator<PipelineBuilder> BASE = b -> b;

    public static final UnaryOperator<PipelineBuilder> REVERSED = b -> b
            .reroute("generate", "subtract_five")
            .reroute("subtract_five", "double")
            .reroute("double", "add_ten")
            .reroute("add_ten", "collect");

    public static List<Integer> run(UnaryOperator<PipelineBuilder> variant) {
        return Examples.sorted(Examples.<Integer>collect(collect -> variant.apply(Minigun.pipeline("reroute-chain")
                .producer("generate", Examples.numbers(1, 6))
                .processor("add_ten", (Integer n) -> n + 10, s -> s.concurrency(ContextType.THREAD).threads(2))
                .processor("double", (Integer n) -> n * 2, s -> s.concurrency(ContextType.PROCESS).poolSize(2))
                .consumer("collect", collect)
                .processor("subtract_five", (Integer n) -> n - 5,
                        s -> s.concurrency(ContextType.PROCESS).poolSize(1).await(true)))));
    }

    public static void main(String[] args) {
        System.out.println("+10 → ×2:      " + run(BASE));
        System.out.println("−5 → ×2 → +10: " + run(REVERSED));
    }
}
