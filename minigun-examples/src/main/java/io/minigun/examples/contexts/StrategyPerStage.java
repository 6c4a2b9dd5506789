package io.minigun.examples.contexts;

import io.minigun.ContextType;
import io.minigun.Minigun;
import io.minigun.Pipeline;
import io.minigun.examples.Examples;

import java.io.Serializable;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * Ruby {@code 09_strategy_per_stage.rb}: each stage says where it runs. Items are validated, batched by 3, and every
 * batch goes to two stages at once (broadcast): {@code heavy_save} in 2 worker JVMs, which reports each batch back to
 * the parent, and {@code light_log} on a pool of 5 threads. Both receive all 10 items, in batches of 3, 3, 3 and 1.
 */
public final class StrategyPerStage {

    private StrategyPerStage() {
    }

    public record Saved(List<Integer> batch, long pid) implements Serializable {
    }

    public record Outcome(List<Integer> saved, List<Integer> logged, List<Integer> savedBatchSizes,
                          List<Integer> loggedBatchSizes, Set<Long> savePids, Map<String, String> placement) {
    }

    public static Outcome run() {
        List<Saved> saved = new CopyOnWriteArrayList<>();
        List<List<Integer>> logged = new CopyOnWriteArrayList<>();
        Pipeline pipeline = Minigun.pipeline("strategy-per-stage")
                .producer("generate", Examples.numbers(1, 10))
                .processor("validate", (Integer n) -> n > 0 ? n : null)
                .accumulator("batch", s -> s.maxSize(3).to("heavy_save", "light_log"))
                .processor("heavy_save", (List<Integer> batch) -> new Saved(List.copyOf(batch),
                        ProcessHandle.current().pid()), s -> s.concurrency(ContextType.PROCESS).poolSize(2).to("report"))
                .consumer("light_log", (List<Integer> batch) -> logged.add(List.copyOf(batch)),
                        s -> s.concurrency(ContextType.THREAD).threads(5))
                .consumer("report", (Saved s) -> saved.add(s))
                .build();
        Examples.ok(pipeline.run());
        return new Outcome(
                Examples.sorted(saved.stream().flatMap(s -> s.batch().stream()).toList()),
                Examples.sorted(logged.stream().flatMap(Collection::stream).toList()),
                Examples.sorted(saved.stream().map(s -> s.batch().size()).toList()),
                Examples.sorted(logged.stream().map(List::size).toList()),
                saved.stream().map(Saved::pid).collect(Collectors.toSet()),
                Examples.placement(pipeline, "validate", "heavy_save", "light_log"));
    }

    public static void main(String[] args) {
        Outcome o = run();
        System.out.println("Saved in worker JVMs " + o.savePids() + ": " + o.saved());
        System.out.println("Logged on threads: " + o.logged());
        System.out.println("Placement: " + o.placement());
    }
}
