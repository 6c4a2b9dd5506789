package io.minigun.examples.flow;

import io.minigun.ContextType;
import io.minigun.Minigun;
import io.minigun.Output;
import io.minigun.examples.Examples;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Ruby {@code 98} (multi-level await routing): a validator routes each item by name: errors to an error handler,
 * high-priority items to a validate → enrich chain, the rest to a processor, all of them {@code await} stages; then
 * the same shape with two PROCESS await workers.
 */
public final class MultiLevelAwait {

    private MultiLevelAwait() {
    }

    public record Item(int id, String path, List<String> steps, String error, long pid) implements Serializable {
        Item step(String step) {
            List<String> more = new ArrayList<>(steps);
            more.add(step);
            return new Item(id, path, List.copyOf(more), error, pid);
        }

        /** This item as handled by {@code worker} in this JVM. */
        Item handledBy(String worker) {
            return new Item(id, worker, steps, error, ProcessHandle.current().pid());
        }
    }

    /** Per path ("high", "low", "error"), the items that arrived, sorted by id. */
    public static Map<String, List<Item>> run() {
        List<Item> items = Examples.collect(collect -> Minigun.pipeline("multi-level-await")
                .producer("generate", Examples.numbers(1, 20))
                .processor("route", (Integer id, Output<Item> out) -> {
                    if (id % 4 == 0) {
                        String error = "id " + id + " rejected";
                        out.<Item>to("handle_error").emit(new Item(id, "error", List.of(), error, 0));
                    } else if (id % 2 == 1) {
                        out.<Item>to("validate_high").emit(new Item(id, "high", List.of(), null, 0));
                    } else {
                        out.<Item>to("process_low").emit(new Item(id, "low", List.of(), null, 0));
                    }
                })
                .processor("validate_high", (Item i) -> i.step("validated"), s -> s.await(true).to("enrich_high"))
                .processor("enrich_high", (Item i) -> i.step("enriched"), s -> s.await(true).to("collect"))
                .processor("process_low", (Item i) -> i.step("processed"), s -> s.await(true).to("collect"))
                .processor("handle_error", (Item i) -> i.step("handled"), s -> s.await(true).to("collect"))
                .consumer("collect", collect, s -> s.await(true)));
        return byPath(items);
    }

    /** Items 1..10 routed by parity to PROCESS await workers a and b; per worker, what it returned. */
    public static Map<String, List<Item>> runInWorkers() {
        List<Item> items = Examples.collect(collect -> Minigun.pipeline("await-workers")
                .producer("generate", Examples.numbers(1, 10))
                .processor("route", (Integer id, Output<Item> out) ->
                        out.<Item>to(id % 2 == 0 ? "worker_a" : "worker_b").emit(new Item(id, "", List.of(), null, 0)))
                .processor("worker_a", (Item i) -> i.handledBy("a"),
                        s -> s.concurrency(ContextType.PROCESS).poolSize(1).await(true).to("collect"))
                .processor("worker_b", (Item i) -> i.handledBy("b"),
                        s -> s.concurrency(ContextType.PROCESS).poolSize(1).await(true).to("collect"))
                .consumer("collect", collect, s -> s.await(true)));
        return byPath(items);
    }

    private static Map<String, List<Item>> byPath(List<Item> items) {
        return items.stream().collect(Collectors.groupingBy(Item::path, TreeMap::new,
                Collectors.collectingAndThen(Collectors.toList(), list -> Examples.sortedBy(list, Item::id))));
    }

    public static void main(String[] args) {
        run().forEach((path, items) -> System.out.println(path + ": " + items.size() + " " + items));
        runInWorkers().forEach((worker, items) -> System.out.println("worker " + worker + ": " + items.size()
                + " items, pids " + items.stream().map(Item::pid).distinct().toList()));
    }
}
