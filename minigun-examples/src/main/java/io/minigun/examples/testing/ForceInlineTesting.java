package io.minigun.examples.testing;

import io.minigun.ContextType;
import io.minigun.Minigun;
import io.minigun.Pipeline;
import io.minigun.examples.Examples;

import java.io.Serializable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Testing pipelines: {@code concurrency(c -> c.forceInline(true))} runs the whole pipeline on the caller's thread,
 * in a deterministic order, whatever its stages ask for: a pool of 4 threads keeps the items in order and the PROCESS
 * stage runs in this JVM. The same definition without it runs concurrently, in worker JVMs.
 */
public final class ForceInlineTesting {

    private ForceInlineTesting() {
    }

    /** A result, the JVM that computed it (the negate stage's) and the thread that collected it. */
    public record Negated(int value, long pid, String collectedOn) implements Serializable {
    }

    public record Outcome(List<Negated> results, boolean planIsInline) {
    }

    public static Outcome run(boolean forceInline) {
        List<Negated> results = new CopyOnWriteArrayList<>();
        Pipeline pipeline = Minigun.pipeline("force-inline-" + forceInline)
                .concurrency(c -> c.forceInline(forceInline))
                .producer("generate", Examples.numbers(1, 8))
                .processor("slow_square", (Integer n) -> {
                    Thread.sleep(9 - n);   // later items finish first on a pool
                    return n * n;
                }, s -> s.concurrency(ContextType.THREAD).threads(4))
                .processor("negate", (Integer n) -> new Negated(-n, ProcessHandle.current().pid(), null),
                        s -> s.concurrency(ContextType.PROCESS).poolSize(1))
                .consumer("collect", (Negated n) ->
                        results.add(new Negated(n.value(), n.pid(), Thread.currentThread().getName())))
                .build();
        Examples.ok(pipeline.run());
        return new Outcome(List.copyOf(results), pipeline.plan().isForceInline());
    }

    public static void main(String[] args) {
        System.out.println("Force inline: " + values(run(true)));
        System.out.println("Concurrent:   " + values(run(false)));
    }

    static List<Integer> values(Outcome outcome) {
        return outcome.results().stream().map(Negated::value).toList();
    }
}
