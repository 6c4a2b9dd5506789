package io.minigun.examples.contexts;

import io.minigun.ContextType;
import io.minigun.Minigun;
import io.minigun.Pipeline;
import io.minigun.examples.Examples;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Ruby {@code 34_named_contexts.rb}: contexts declared once by name (an I/O pool, worker JVMs for CPU work, a fast
 * lane) and shared by the stages that name them; the plan tells where each stage runs.
 */
public final class NamedContexts {

    private NamedContexts() {
    }

    /** The results, sorted, and per stage that names a context, the context type and workers the plan gave it. */
    public record Outcome(List<String> results, Map<String, String> placement, String plan) {
    }

    public static Outcome run() {
        List<String> results = new CopyOnWriteArrayList<>();
        Pipeline pipeline = Minigun.pipeline("named-contexts")
                .context("io_workers", ContextType.THREAD, 8)
                .context("cpu_workers", ContextType.PROCESS, 2)
                .context("fast_lane", ContextType.THREAD, 4)
                .producer("generate", Examples.numbers(1, 6))
                .processor("download", (Integer n) -> "page-" + n, s -> s.context("io_workers"))
                .processor("parse", (String page) -> page.toUpperCase(), s -> s.context("cpu_workers"))
                .processor("tag", (String page) -> page + "!", s -> s.context("fast_lane"))
                .consumer("collect", (String page) -> results.add(page))
                .build();
        Map<String, String> placement = Examples.placement(pipeline, "download", "parse", "tag");
        Examples.ok(pipeline.run());
        return new Outcome(Examples.sorted(results), placement, pipeline.plan().describe());
    }

    public static void main(String[] args) {
        Outcome o = run();
        System.out.println(o.plan());
        System.out.println("Results: " + o.results());
    }
}
