package io.minigun.examples.contexts;

import io.minigun.ContextType;
import io.minigun.ItemFailure;
import io.minigun.Minigun;
import io.minigun.RunResult;
import io.minigun.examples.Examples;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Ruby {@code 27_error_handling.rb}: an item that throws on a thread pool fails alone; the run goes on, does not
 * throw, and reports the failure with its item.
 */
public final class ThreadErrors {

    private ThreadErrors() {
    }

    public record Outcome(List<Integer> results, RunResult run) {
    }

    public static Outcome run() {
        List<Integer> results = new CopyOnWriteArrayList<>();
        RunResult run = Minigun.pipeline("thread-errors")
                .producer("generate", Examples.numbers(0, 4))
                .processor("process", (Integer n) -> {
                    if (n == 2) {
                        throw new IllegalStateException("cannot process " + n);
                    }
                    return n * 2;
                }, s -> s.concurrency(ContextType.THREAD).threads(2))
                .consumer("collect", (Integer n) -> results.add(n))
                .build()
                .run();
        return new Outcome(Examples.sorted(results), run);
    }

    public static void main(String[] args) {
        Outcome o = run();
        System.out.println("Results: " + o.results() + " (" + o.run().status() + ")");
        for (ItemFailure failure : o.run().failures()) {
            System.out.println("Failed: " + failure);
        }
    }
}
