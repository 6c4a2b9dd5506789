package io.minigun.examples.hooks;

import io.minigun.ContextType;
import io.minigun.Minigun;
import io.minigun.Output;
import io.minigun.examples.Examples;

import java.io.Serializable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ruby {@code 21_inline_hook_procs.rb}: hooks for one stage each. The original passes lambdas as stage options
 * ({@code before:}, {@code after:}, {@code before_fork:}, {@code after_fork:}); here the builder names the stage:
 * {@code before("validate", …)}, {@code after("validate", …)}, {@code beforeFork("save_data", …)} (in the parent)
 * and {@code afterFork("save_data", …)} (in each of that stage's worker JVMs, which tags what it saves). 0..9 are
 * validated (0 dropped), doubled, batched by 5 and saved in worker JVMs: {@code [2, 4, …, 18]}.
 */
public final class StageHooks {

    private StageHooks() {
    }

    /** Set in each worker JVM of {@code save_data} by its after-fork hook. */
    static volatile String worker = "not forked";

    public record Saved(int value, String worker, long pid) implements Serializable {
    }

    public record Outcome(List<String> events, List<Saved> saved) {
    }

    public static Outcome run() {
        List<String> events = new CopyOnWriteArrayList<>();
        AtomicInteger validated = new AtomicInteger();
        List<Saved> saved = Examples.collect(collect -> Minigun.pipeline("stage-hooks")
                .concurrency(c -> c.threads(3).processes(2))
                .beforeRun(() -> events.add("pipeline_start"))
                .afterRun(() -> events.add("pipeline_end"))
                .producer("fetch_data", out -> {
                    events.add("fetching");
                    for (int i = 0; i < 10; i++) {
                        out.emit(i);
                    }
                })
                .processor("validate", (Integer n) -> {
                    validated.incrementAndGet();
                    return n > 0 ? n : null;
                })
                .processor("transform", (Integer n) -> n * 2)
                .accumulator("batch", s -> s.maxSize(5))
                .processor("save_data", (List<Integer> batch, Output<Saved> out) -> {
                    for (int value : batch) {
                        out.emit(new Saved(value, worker, ProcessHandle.current().pid()));
                    }
                }, s -> s.concurrency(ContextType.PROCESS))
                .consumer("collect", collect)
                .before("fetch_data", () -> events.add("fetch_start"))
                .after("fetch_data", () -> events.add("fetch_end"))
                .before("validate", () -> events.add("validate_start"))
                .after("validate", () -> events.add("validate_end: " + validated.get() + " validated"))
                .before("transform", () -> events.add("transform_start"))
                .after("transform", () -> events.add("transform_end"))
                .beforeFork("save_data", context -> events.add("before_fork"))
                .afterFork("save_data", context -> worker = "forked " + ProcessHandle.current().pid()));
        return new Outcome(List.copyOf(events), Examples.sortedBy(saved, Saved::value));
    }

    public static void main(String[] args) {
        Outcome o = run();
        System.out.println("Events: " + o.events());
        o.saved().forEach(System.out::println);
    }
}
