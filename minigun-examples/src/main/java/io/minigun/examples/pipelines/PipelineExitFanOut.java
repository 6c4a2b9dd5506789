package io.minigun.examples.pipelines;

import io.minigun.Minigun;
import io.minigun.Output;
import io.minigun.examples.Examples;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Ruby {@code 64_pipeline_exit_fan_out.rb}: inside a pipeline, a producer broadcasts to three filters; all three are
 * terminal stages of that pipeline, so all of them exit into the next pipeline, the collector.
 */
public final class PipelineExitFanOut {

    private PipelineExitFanOut() {
    }

    public record Tagged(String tag, int value) {
    }

    /** Per tag, the values the collector received, sorted. */
    public static Map<String, List<Integer>> run() {
        List<Tagged> results = Examples.collect(collect -> Minigun.pipeline("exit-fan-out")
                .pipeline("processor", p -> p
                        .producer("generate", Examples.numbers(1, 5),
                                s -> s.to("even_filter", "odd_filter", "all_logger"))
                        .processor("even_filter", (Integer n, Output<Tagged> out) -> {
                            if (n % 2 == 0) {
                                out.emit(new Tagged("even", n));
                            }
                        }, s -> s.from("generate"))
                        .processor("odd_filter", (Integer n, Output<Tagged> out) -> {
                            if (n % 2 == 1) {
                                out.emit(new Tagged("odd", n));
                            }
                        }, s -> s.from("generate"))
                        .processor("all_logger", (Integer n) -> new Tagged("all", n), s -> s.from("generate")),
                        s -> s.to("collector"))
                .pipeline("collector", c -> c.consumer("collect", collect)));
        return results.stream().collect(Collectors.groupingBy(Tagged::tag, TreeMap::new,
                Collectors.mapping(Tagged::value,
                        Collectors.collectingAndThen(Collectors.toList(), Examples::sorted))));
    }

    public static void main(String[] args) {
        Map<String, List<Integer>> byTag = run();
        System.out.println(byTag.values().stream().mapToInt(List::size).sum() + " results: " + byTag);
    }
}
