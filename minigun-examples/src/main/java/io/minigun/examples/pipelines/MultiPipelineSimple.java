package io.minigun.examples.pipelines;

import io.minigun.Minigun;
import io.minigun.examples.Examples;

import java.util.List;

/**
 * Ruby {@code 05_multi_pipeline_simple.rb} (also {@code 000_new_dsl.rb} and {@code 000_new_dsl_fixed.rb}): three
 * pipelines, a generator, a processor and a collector, chained with {@code to}. A pipeline is a stage of its parent:
 * items enter its first stage and leave from its last.
 */
public final class MultiPipelineSimple {

    private MultiPipelineSimple() {
    }

    public static List<Integer> run() {
        return Examples.collect(collect -> Minigun.pipeline("multi-pipeline")
                .pipeline("generator", g -> g.producer("generate", Examples.numbers(1, 5)), s -> s.to("processor"))
                .pipeline("processor", p -> p.processor("double", (Integer n) -> n * 2), s -> s.to("collector"))
                .pipeline("collector", c -> c.consumer("collect", collect)));
    }

    public static void main(String[] args) {
        System.out.println("Results: " + run());
    }
}
