package io.minigun.examples.contexts;

import io.minigun.ContextType;
import io.minigun.Minigun;
import io.minigun.examples.Examples;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Ruby {@code 81}/{@code 83} (fan-in to a fork aggregator) and {@code 25_multiple_producers.rb}: three producers,
 * all wired automatically to one aggregator that runs in two worker JVMs; it ends once all three have ended.
 */
public final class ProcessFanIn {

    private ProcessFanIn() {
    }

    public record Event(String source, int seq) implements Serializable {
    }

    public record Aggregated(String source, int seq, long pid) implements Serializable {
    }

    /** Per source, the sequence numbers that reached the collector after the aggregator, sorted. */
    public static Map<String, List<Integer>> run() {
        List<Aggregated> results = Examples.collect(collect -> Minigun.pipeline("process-fan-in")
                .producer("source_a", () -> events("A"))
                .producer("source_b", () -> events("B"))
                .producer("source_c", () -> events("C"))
                .processor("aggregate", (Event e) -> new Aggregated(e.source(), e.seq(), ProcessHandle.current().pid()),
                        s -> s.concurrency(ContextType.PROCESS).poolSize(2))
                .consumer("collect", collect));
        return results.stream().collect(Collectors.groupingBy(Aggregated::source, TreeMap::new, Collectors.mapping(
                Aggregated::seq, Collectors.collectingAndThen(Collectors.toList(), Examples::sorted))));
    }

    private static List<Event> events(String source) {
        return List.of(new Event(source, 1), new Event(source, 2), new Event(source, 3), new Event(source, 4));
    }

    public static void main(String[] args) {
        run().forEach((source, seqs) -> System.out.println("from " + source + ": " + seqs));
    }
}
