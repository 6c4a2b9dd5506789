package io.minigun.examples.contexts;

import io.minigun.ContextType;
import io.minigun.Minigun;
import io.minigun.Pipeline;
import io.minigun.examples.Examples;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Ruby {@code 32_execution_blocks.rb}, {@code 33_threads_block.rb} and {@code 35_nested_contexts.rb}: where a stage
 * runs can be said at three levels. The pipeline's defaults ({@code concurrency(c -> c.threads(6))}) apply to every
 * THREAD stage that says no more; a named context is shared by the stages that name it; a stage's own options win.
 */
public final class ContextLevels {

    private ContextLevels() {
    }

    public record Outcome(List<Integer> results, Map<String, String> placement) {
    }

    public static Outcome run() {
        List<Integer> results = new CopyOnWriteArrayList<>();
        Pipeline pipeline = Minigun.pipeline("context-levels")
                .concurrency(c -> c.threads(6).processes(2))
                .context("downloads", ContextType.THREAD, 12)
                .producer("generate", Examples.numbers(1, 8))
                .processor("download", (Integer n) -> n + 100, s -> s.context("downloads"))
                .processor("validate", (Integer n) -> n % 2 == 0 ? n : null, s -> s.concurrency(ContextType.THREAD))
                .processor("process_batch", (Integer n) -> n * 2, s -> s.concurrency(ContextType.PROCESS))
                .processor("add_ten", (Integer n) -> n + 10, s -> s.concurrency(ContextType.THREAD).threads(3))
                .consumer("collect", (Integer n) -> results.add(n))
                .build();
        Map<String, String> placement =
                Examples.placement(pipeline, "download", "validate", "process_batch", "add_ten");
        Examples.ok(pipeline.run());
        return new Outcome(Examples.sorted(results), placement);
    }

    public static void main(String[] args) {
        Outcome o = run();
        o.placement().forEach((stage, where) -> System.out.println(stage + " runs on " + where));
        System.out.println("Results: " + o.results());
    }
}
