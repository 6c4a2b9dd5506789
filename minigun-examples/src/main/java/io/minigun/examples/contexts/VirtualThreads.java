package io.minigun.examples.contexts;

import io.minigun.ContextType;
import io.minigun.Minigun;
import io.minigun.Pipeline;
import io.minigun.examples.Examples;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Ruby {@code 27_ractor_execution.rb}, which asks for a Ractor pool and falls back to threads where Ractors are
 * missing: here the stage asks for virtual threads (one per item, at most 50 at once) on Java 21 and later, and
 * falls back to a pool of platform threads on Java 17, where {@code build()} rejects VIRTUAL.
 */
public final class VirtualThreads {

    private VirtualThreads() {
    }

    public record Outcome(List<Integer> results, ContextType context) {
    }

    /** VIRTUAL where this Java has virtual threads, else THREAD. */
    public static ContextType preferredContext() {
        return Runtime.version().feature() >= 21 ? ContextType.VIRTUAL : ContextType.THREAD;
    }

    public static Outcome run() {
        List<Integer> results = new CopyOnWriteArrayList<>();
        Pipeline pipeline = Minigun.pipeline("virtual-threads")
                .producer("generate", Examples.numbers(0, 4))
                .processor("square", (Integer n) -> {
                    Thread.sleep(2);   // simulated blocking I/O: cheap on a virtual thread
                    return n * n;
                }, s -> s.concurrency(preferredContext()).threads(50))
                .consumer("collect", (Integer n) -> results.add(n))
                .build();
        Examples.ok(pipeline.run());
        return new Outcome(Examples.sorted(results), pipeline.plan().contextType("square"));
    }

    public static void main(String[] args) {
        Outcome o = run();
        System.out.println("Java " + Runtime.version().feature() + ", 'square' on " + o.context() + ": " + o.results());
    }
}
