package io.minigun.examples.contexts;

import io.minigun.ContextType;
import io.minigun.Minigun;
import io.minigun.Routing;
import io.minigun.StageSpec;
import io.minigun.examples.Examples;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Ruby {@code 96} (fork fan-out and fan-in; it hangs in the original): 9 items dealt round-robin to three PROCESS
 * stages, which all feed one PROCESS merge stage; the merged items come back to the parent.
 */
public final class ProcessFanOutFanIn {

    private ProcessFanOutFanIn() {
    }

    public record Tagged(String branch, int item, boolean merged) implements Serializable {
    }

    /** Per branch, the items that went through it and then through the merge, sorted. */
    public static Map<String, List<Integer>> run() {
        List<Tagged> merged = Examples.collect(collect -> Minigun.pipeline("process-fan-out-fan-in")
                .producer("generate", Examples.numbers(1, 9),
                        s -> s.routing(Routing.ROUND_ROBIN).to("branch_a", "branch_b", "branch_c"))
                .processor("branch_a", (Integer n) -> new Tagged("a", n, false), ProcessFanOutFanIn::toMerge)
                .processor("branch_b", (Integer n) -> new Tagged("b", n, false), ProcessFanOutFanIn::toMerge)
                .processor("branch_c", (Integer n) -> new Tagged("c", n, false), ProcessFanOutFanIn::toMerge)
                .processor("merge", (Tagged t) -> new Tagged(t.branch(), t.item(), true),
                        s -> s.concurrency(ContextType.PROCESS).poolSize(2))
                .consumer("collect", collect));
        return merged.stream().filter(Tagged::merged).collect(Collectors.groupingBy(Tagged::branch, TreeMap::new,
                Collectors.mapping(Tagged::item, Collectors.collectingAndThen(Collectors.toList(), Examples::sorted))));
    }

    private static void toMerge(StageSpec s) {
        s.concurrency(ContextType.PROCESS).poolSize(1).to("merge");
    }

    public static void main(String[] args) {
        Map<String, List<Integer>> byBranch = run();
        System.out.println(byBranch.values().stream().mapToInt(List::size).sum() + " merged: " + byBranch);
    }
}
