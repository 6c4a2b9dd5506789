package io.minigun.examples.contexts;

import io.minigun.ContextType;
import io.minigun.Minigun;
import io.minigun.Output;
import io.minigun.examples.Examples;

import java.io.Serializable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Ruby {@code 86}/{@code 87} (a fork worker that runs a Minigun task of its own, with forks inside): each batch goes
 * to a worker JVM, whose stage builds and runs a small pipeline; that inner pipeline has a PROCESS stage, so the
 * worker starts worker JVMs of its own. Each id comes back with the pids of both levels.
 */
public final class NestedRunInWorker {

    private NestedRunInWorker() {
    }

    public record Handled(int id, long outerPid, long innerPid) implements Serializable {
    }

    public static List<Handled> run() {
        List<Handled> handled = Examples.collect(collect -> Minigun.pipeline("nested-run")
                .producer("generate", Examples.numbers(1, 12))
                .accumulator("batch", s -> s.maxSize(4))
                .processor("outer", (List<Integer> batch, Output<Handled> out) -> {
                    long outer = ProcessHandle.current().pid();
                    List<Handled> inner = new CopyOnWriteArrayList<>();
                    Minigun.pipeline("inner")
                            .producer("ids", () -> batch)
                            .processor("inner_work", (Integer id) -> new Handled(id, outer,
                                    ProcessHandle.current().pid()), s -> s.concurrency(ContextType.PROCESS).poolSize(1))
                            .consumer("gather", (Handled h) -> inner.add(h))
                            .build()
                            .run()
                            .throwIfFailed();
                    inner.forEach(out::emit);
                }, s -> s.concurrency(ContextType.PROCESS).poolSize(2))
                .consumer("collect", collect));
        return Examples.sortedBy(handled, Handled::id);
    }

    public static void main(String[] args) {
        System.out.println("Parent pid " + ProcessHandle.current().pid());
        run().forEach(System.out::println);
    }
}
