package io.minigun.examples.apps;

import io.minigun.ContextType;
import io.minigun.Input;
import io.minigun.Minigun;
import io.minigun.Output;
import io.minigun.examples.Examples;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Ruby {@code 43_etl_pipeline.rb} and {@code 15_simple_etl.rb}: extract product records, transform them on a pool
 * of 3 threads (dropping the out-of-stock ones and pricing the rest), group them by category in batches of up to 3,
 * and load each batch in a worker JVM, which reports what it loaded.
 */
public final class EtlPipeline {

    private EtlPipeline() {
    }

    public record Product(int id, String category, int priceCents, boolean inStock) implements Serializable {
    }

    public record CategoryBatch(String category, List<Integer> ids, int totalCents) implements Serializable {
    }

    public record Loaded(String category, List<Integer> ids, int totalCents, long pid) implements Serializable {
    }

    static final List<String> CATEGORIES = List.of("books", "games", "music");

    public static List<Loaded> run() {
        List<Loaded> loaded = Examples.collect(collect -> Minigun.pipeline("etl")
                .producer("extract", out -> {
                    for (int id = 1; id <= 12; id++) {
                        out.emit(new Product(id, CATEGORIES.get(id % 3), id * 100, id % 4 != 0));
                    }
                })
                .processor("transform", (Product p) -> p.inStock()
                                ? new Product(p.id(), p.category(), p.priceCents() * 12 / 10, true) : null,
                        s -> s.concurrency(ContextType.THREAD).threads(3))
                .stage("group_by_category", (Input<Product> in, Output<CategoryBatch> out) -> {
                    Map<String, List<Product>> groups = new TreeMap<>();
                    for (Product p : in) {
                        List<Product> group = groups.computeIfAbsent(p.category(), c -> new ArrayList<>());
                        group.add(p);
                        if (group.size() == 3) {
                            out.emit(batch(p.category(), group));
                            group.clear();
                        }
                    }
                    groups.forEach((category, rest) -> {
                        if (!rest.isEmpty()) {
                            out.emit(batch(category, rest));
                        }
                    });
                })
                .processor("load", (CategoryBatch b) -> new Loaded(b.category(), b.ids(), b.totalCents(),
                        ProcessHandle.current().pid()), s -> s.concurrency(ContextType.PROCESS).poolSize(2))
                .consumer("report", collect));
        return loaded.stream().sorted(Comparator.comparing(Loaded::category)).toList();
    }

    private static CategoryBatch batch(String category, List<Product> products) {
        List<Integer> ids = products.stream().map(Product::id).sorted().toList();
        return new CategoryBatch(category, ids, products.stream().mapToInt(Product::priceCents).sum());
    }

    public static void main(String[] args) {
        run().forEach(System.out::println);
    }
}
