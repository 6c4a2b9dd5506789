package io.minigun.examples.contexts;

import io.minigun.ContextType;
import io.minigun.Minigun;
import io.minigun.Output;
import io.minigun.examples.Examples;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Ruby {@code 78}–{@code 82} (a splitter routing to fork consumers): a splitter in worker JVMs routes each id by
 * name ({@code out.to("process_a")}) to one of three PROCESS stages of one worker each; they send their results back
 * to a collector in the parent.
 */
public final class ProcessSplitter {

    private ProcessSplitter() {
    }

    public record Handled(String by, int id, long pid) implements Serializable {
    }

    /** Per PROCESS consumer, the ids it handled, sorted. */
    public static Map<String, List<Integer>> run() {
        List<Handled> handled = Examples.collect(collect -> Minigun.pipeline("process-splitter")
                .producer("generate", Examples.numbers(1, 12))
                .processor("split", (Integer id, Output<Integer> out) ->
                                out.to(List.of("process_c", "process_a", "process_b").get(id % 3)).emit(id),
                        s -> s.concurrency(ContextType.PROCESS).poolSize(1))
                .processor("process_a", (Integer id) -> new Handled("a", id, ProcessHandle.current().pid()),
                        s -> s.concurrency(ContextType.PROCESS).poolSize(1).to("collect"))
                .processor("process_b", (Integer id) -> new Handled("b", id, ProcessHandle.current().pid()),
                        s -> s.concurrency(ContextType.PROCESS).poolSize(1).to("collect"))
                .processor("process_c", (Integer id) -> new Handled("c", id, ProcessHandle.current().pid()),
                        s -> s.concurrency(ContextType.PROCESS).poolSize(1).to("collect"))
                .consumer("collect", collect));
        return handled.stream().collect(Collectors.groupingBy(Handled::by, TreeMap::new, Collectors.mapping(
                Handled::id, Collectors.collectingAndThen(Collectors.toList(), Examples::sorted))));
    }

    public static void main(String[] args) {
        run().forEach((by, ids) -> System.out.println("process_" + by + ": " + ids));
    }
}
