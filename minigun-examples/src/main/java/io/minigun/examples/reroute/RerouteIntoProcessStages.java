package io.minigun.examples.reroute;

import io.minigun.ContextType;
import io.minigun.Minigun;
import io.minigun.PipelineBuilder;
import io.minigun.StageOptions;
import io.minigun.examples.Examples;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Ruby {@code 95_reroute_to_inner_fork_stages.rb} (which hangs): reroutes into, out of and between stages that run
 * in worker JVMs. The base pipeline keeps the even items, multiplies them by 10 in {@code process_a} and collects
 * them in {@code collect_b}: {@code [20, 40, 60]}. Rerouting {@code generate} straight to {@code process_a} skips the
 * filter ({@code [10, 20, …, 60]}); rerouting {@code process_a} to {@code collect_a} changes the collector; the
 * complex variant also inserts {@code transform} (+100, on threads) between them ({@code [110, 120, …, 160]}). Each
 * collector reports what it collected, and in which JVM, to the parent.
 */
public final class RerouteIntoProcessStages {

    private RerouteIntoProcessStages() {
    }

    public record Collected(String by, int value, long pid) implements Serializable {
    }

    public static final UnaryOperator<PipelineBuilder> BASE = b -> b;

    public static final UnaryOperator<PipelineBuilder> DIRECT = b -> b.reroute("generate", "process_a");

    public static final UnaryOperator<PipelineBuilder> TO_COLLECT_A = b -> b.reroute("process_a", "collect_a");

    public static final UnaryOperator<PipelineBuilder> COMPLEX = b -> b
            .reroute("generate", "process_a")
            .reroute("process_a", "transform")
            .reroute("transform", "collect_b");

    private static final StageOptions IN_WORKERS = s -> s.concurrency(ContextType.PROCESS).poolSize(1);

    /** Per collector, the values it collected, in order. */
    public static Outcome run(UnaryOperator<PipelineBuilder> variant) {
        List<Collected> collected = Examples.collect(record -> variant.apply(Minigun.pipeline("reroute-into-workers")
                .producer("generate", Examples.numbers(1, 6))
                .processor("filter_even", (Integer n) -> n % 2 == 0 ? n : null)
                .processor("process_a", (Integer n) -> n * 10, IN_WORKERS)
                .processor("collect_b", (Integer n) -> new Collected("collect_b", n, ProcessHandle.current().pid()),
                        IN_WORKERS)
                .processor("collect_a", (Integer n) -> new Collected("collect_a", n, ProcessHandle.current().pid()),
                        IN_WORKERS.andThen(s -> s.await(true).to("record")))
                .processor("transform", (Integer n) -> n + 100,
                        s -> s.concurrency(ContextType.THREAD).threads(2).await(true))
                .consumer("record", record)));
        Map<String, List<Integer>> values = collected.stream().collect(Collectors.groupingBy(Collected::by,
                TreeMap::new, Collectors.mapping(Collected::value,
                        Collectors.collectingAndThen(Collectors.toList(), Examples::sorted))));
        return new Outcome(values, collected.stream().map(Collected::pid).distinct().toList());
    }

    public record Outcome(Map<String, List<Integer>> collected, List<Long> collectorPids) {
    }

    public static void main(String[] args) {
        System.out.println("base:         " + run(BASE).collected());
        System.out.println("direct:       " + run(DIRECT).collected());
        System.out.println("to collect_a: " + run(TO_COLLECT_A).collected());
        System.out.println("complex:      " + run(COMPLEX).collected());
    }
}
