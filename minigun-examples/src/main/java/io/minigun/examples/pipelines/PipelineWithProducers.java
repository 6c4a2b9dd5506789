package io.minigun.examples.pipelines;

import io.minigun.Minigun;
import io.minigun.examples.Examples;

import java.util.List;

/**
 * Ruby {@code 26_multi_pipeline_with_producers.rb}: pipeline_a (producer x, 3 items) feeds pipeline_b, which has
 * producers of its own (y and z, 2 items each) in front of its processing stage. In the original x's items are
 * dropped; here they enter pipeline_b's entry stage next to y's and z's, and all 7 arrive.
 */
public final class PipelineWithProducers {

    private PipelineWithProducers() {
    }

    public static List<String> run() {
        return Examples.sorted(Examples.<String>collect(collect -> Minigun.pipeline("pipelines-with-producers")
                .pipeline("pipeline_a", a -> a.producer("x", () -> List.of("x1", "x2", "x3")), s -> s.to("pipeline_b"))
                .pipeline("pipeline_b", b -> b
                        .producer("y", () -> List.of("y1", "y2"))
                        .producer("z", () -> List.of("z1", "z2"))
                        .processor("tag", (String item) -> "b:" + item)
                        .consumer("collect", collect))));
    }

    public static void main(String[] args) {
        System.out.println("Results: " + run());
    }
}
