package io.minigun.examples.pipelines;

import io.minigun.Minigun;
import io.minigun.examples.Examples;

import java.util.List;

/**
 * Ruby {@code 08_nested_pipeline_simple.rb}: a nested pipeline declared between two stages is wired like a stage:
 * start → transform_sub (×2, then +10) → collect.
 */
public final class NestedPipeline {

    private NestedPipeline() {
    }

    public static List<Integer> run() {
        return Examples.collect(collect -> Minigun.pipeline("nested")
                .producer("start", Examples.numbers(1, 5))
                .pipeline("transform_sub", sub -> sub
                        .processor("double", (Integer n) -> n * 2)
                        .processor("add_ten", (Integer n) -> n + 10))
                .consumer("collect", collect));
    }

    public static void main(String[] args) {
        System.out.println("Results: " + run());
    }
}
