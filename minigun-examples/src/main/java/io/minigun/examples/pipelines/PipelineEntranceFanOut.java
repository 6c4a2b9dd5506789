package io.minigun.examples.pipelines;

import io.minigun.Minigun;
import io.minigun.examples.Examples;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * Ruby {@code 65_pipeline_exit_to_entrance_fan_out.rb}: two source pipelines each send every item to the entrances
 * of three pipelines (x adds 10, y doubles, z squares); each of those gets all six items.
 */
public final class PipelineEntranceFanOut {

    private PipelineEntranceFanOut() {
    }

    public record Item(String source, int value) {
    }

    public record Result(String pipeline, String source, int value) {
    }

    /** Per pipeline and source, the values computed, sorted: {@code "x" -> {"a" -> [12, 14, 16], ...}}. */
    public static Map<String, Map<String, List<Integer>>> run() {
        List<Result> results = new CopyOnWriteArrayList<>();
        Examples.ok(Minigun.pipeline("entrance-fan-out")
                .pipeline("source_a", a -> a.producer("emit_a", () -> List.of(new Item("a", 2), new Item("a", 4),
                        new Item("a", 6))), s -> s.to("x", "y", "z"))
                .pipeline("source_b", b -> b.producer("emit_b", () -> List.of(new Item("b", 1), new Item("b", 3),
                        new Item("b", 5))), s -> s.to("x", "y", "z"))
                .pipeline("x", x -> x.consumer("add_ten",
                        (Item i) -> results.add(new Result("x", i.source(), i.value() + 10))))
                .pipeline("y", y -> y.consumer("double",
                        (Item i) -> results.add(new Result("y", i.source(), i.value() * 2))))
                .pipeline("z", z -> z.consumer("square",
                        (Item i) -> results.add(new Result("z", i.source(), i.value() * i.value()))))
                .build()
                .run());
        return results.stream().collect(Collectors.groupingBy(Result::pipeline, TreeMap::new,
                Collectors.groupingBy(Result::source, TreeMap::new, Collectors.mapping(Result::value,
                        Collectors.collectingAndThen(Collectors.toList(), Examples::sorted)))));
    }

    public static void main(String[] args) {
        run().forEach((pipeline, bySource) -> System.out.println("pipeline " + pipeline + ": " + bySource));
    }
}
