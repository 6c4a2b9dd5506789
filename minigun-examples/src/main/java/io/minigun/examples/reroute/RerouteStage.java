package io.minigun.examples.reroute;

import io.minigun.ContextType;
import io.minigun.Minigun;
import io.minigun.PipelineBuilder;
import io.minigun.examples.Examples;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Ruby {@code 22_reroute_stage.rb}, and in worker JVMs {@code 92}/{@code 93} (the IPC variant hangs in the
 * original): a base pipeline generate → double → collect, and variants that change its wiring without redefining
 * it. {@code reroute(from, to...)} replaces a stage's outgoing edges: "skip" sends generate straight to collect;
 * "insert" adds a triple stage after double. The original subclasses the pipeline; here a variant is a function of
 * the base builder.
 */
public final class RerouteStage {

    private RerouteStage() {
    }

    public static final UnaryOperator<PipelineBuilder> BASE = b -> b;

    public static final UnaryOperator<PipelineBuilder> SKIP_DOUBLE = b -> b.reroute("generate", "collect");

    /** Inserts triple, in the same context as double. */
    public static UnaryOperator<PipelineBuilder> insertTriple(ContextType context) {
        return b -> b
                .processor("triple", (Integer n) -> n * 3, s -> s.concurrency(context).to("collect"))
                .reroute("double", "triple");
    }

    /** Runs the base pipeline, with its processors in {@code context}, changed by {@code variant}; sorted results. */
    public static List<Integer> run(ContextType context, UnaryOperator<PipelineBuilder> variant) {
        return Examples.sorted(Examples.<Integer>collect(collect -> variant.apply(Minigun.pipeline("reroute")
                .producer("generate", Examples.numbers(1, 5))
                .processor("double", (Integer n) -> n * 2, s -> s.concurrency(context))
                .consumer("collect", collect))));
    }

    public static void main(String[] args) {
        for (ContextType context : List.of(ContextType.AUTO, ContextType.PROCESS)) {
            System.out.println(context + " base:   " + run(context, BASE));
            System.out.println(context + " skip:   " + run(context, SKIP_DOUBLE));
            System.out.println(context + " insert: " + run(context, insertTriple(context)));
        }
    }
}
