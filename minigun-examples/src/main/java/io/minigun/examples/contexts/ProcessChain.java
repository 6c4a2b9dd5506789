package io.minigun.examples.contexts;

import io.minigun.ContextType;
import io.minigun.Minigun;
import io.minigun.examples.Examples;

import java.io.Serializable;
import java.util.List;

/**
 * Ruby {@code 71}–{@code 77} (thread → fork → thread, and fork → fork chains; {@code 74} and {@code 76} hang in the
 * original): a thread stage, then two PROCESS stages back to back, each in its own worker JVMs, then a collector in
 * the parent. Each item carries the pid of every JVM that handled it.
 */
public final class ProcessChain {

    private ProcessChain() {
    }

    public record Item(int id, long enrichedBy, long computedBy, long transformedBy) implements Serializable {
    }

    public static List<Item> run() {
        List<Item> items = Examples.collect(collect -> Minigun.pipeline("process-chain")
                .producer("generate", Examples.numbers(1, 8))
                .processor("enrich", (Integer id) -> new Item(id, ProcessHandle.current().pid(), 0, 0),
                        s -> s.concurrency(ContextType.THREAD).threads(2))
                .processor("compute", (Item i) -> new Item(i.id(), i.enrichedBy(), ProcessHandle.current().pid(), 0),
                        s -> s.concurrency(ContextType.PROCESS).poolSize(2))
                .processor("transform",
                        (Item i) -> new Item(i.id(), i.enrichedBy(), i.computedBy(), ProcessHandle.current().pid()),
                        s -> s.concurrency(ContextType.PROCESS).poolSize(2))
                .consumer("collect", collect));
        return Examples.sortedBy(items, Item::id);
    }

    public static void main(String[] args) {
        System.out.println("Parent pid " + ProcessHandle.current().pid());
        run().forEach(System.out::println);
    }
}
