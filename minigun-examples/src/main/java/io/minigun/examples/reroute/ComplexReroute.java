package io.minigun.examples.reroute;

import io.minigun.Minigun;
import io.minigun.PipelineBuilder;
import io.minigun.examples.Examples;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Ruby {@code 91_complex_reroute.rb}: two producers feed a merger ({@code from} both), and producer_a also feeds an
 * a_only stage; both go to collect. Rerouting a producer takes it out of the merger's {@code from} too.
 */
public final class ComplexReroute {

    private ComplexReroute() {
    }

    /** An item and the stage that handled it before collect ("raw" when none did). */
    public record Item(int value, String via) {
    }

    public static final UnaryOperator<PipelineBuilder> BASE = b -> b;

    public static final UnaryOperator<PipelineBuilder> A_TO_A_ONLY = b -> b.reroute("producer_a", "a_only");

    public static final UnaryOperator<PipelineBuilder> BOTH_TO_COLLECT =
            b -> b.reroute("producer_a", "collect").reroute("producer_b", "collect");

    /** Per stage that handled them ("merger", "a_only", "raw"), the values collected, sorted. */
    public static Map<String, List<Integer>> run(UnaryOperator<PipelineBuilder> variant) {
        List<Item> items = Examples.collect(collect -> variant.apply(Minigun.pipeline("complex-reroute")
                .producer("producer_a", () -> List.of(new Item(1, "raw"), new Item(2, "raw"), new Item(3, "raw")))
                .producer("producer_b", () -> List.of(new Item(4, "raw"), new Item(5, "raw"), new Item(6, "raw")))
                .processor("merger", (Item i) -> new Item(i.value(), "merger"),
                        s -> s.from("producer_a", "producer_b").to("collect"))
                .processor("a_only", (Item i) -> new Item(i.value(), "a_only"), s -> s.from("producer_a").to("collect"))
                .consumer("collect", collect)));
        return items.stream().collect(Collectors.groupingBy(Item::via, TreeMap::new, Collectors.mapping(Item::value,
                Collectors.collectingAndThen(Collectors.toList(), Examples::sorted))));
    }

    public static void main(String[] args) {
        System.out.println("base:                   " + run(BASE));
        System.out.println("producer_a to a_only:   " + run(A_TO_A_ONLY));
        System.out.println("both producers collect: " + run(BOTH_TO_COLLECT));
    }
}
