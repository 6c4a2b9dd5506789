package io.minigun.examples.pipelines;

import io.minigun.Minigun;
import io.minigun.examples.Examples;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Ruby {@code 06_multi_pipeline_etl.rb}: extract, transform and load as three pipelines. The transform pipeline
 * cleans and enriches each record; its exit feeds the load pipeline, which loads every record into a database and a
 * cache (broadcast).
 */
public final class MultiPipelineEtl {

    private MultiPipelineEtl() {
    }

    public record Customer(int id, String name, boolean cleaned, String enrichedWith) {
        Customer clean() {
            return new Customer(id, name.strip().toUpperCase(), true, enrichedWith);
        }

        Customer enrich() {
            return new Customer(id, name, cleaned, "segment-" + (id % 2 == 0 ? "even" : "odd"));
        }
    }

    public record Outcome(List<Customer> database, List<Customer> cache) {
    }

    public static Outcome run() {
        List<Customer> database = new CopyOnWriteArrayList<>();
        List<Customer> cache = new CopyOnWriteArrayList<>();
        Examples.ok(Minigun.pipeline("etl")
                .pipeline("extract", e -> e.producer("read", out -> {
                    for (int i = 1; i <= 5; i++) {
                        out.emit(new Customer(i, "  customer " + i + " ", false, null));
                    }
                }), s -> s.to("transform"))
                .pipeline("transform", t -> t
                        .processor("clean", Customer::clean)
                        .processor("enrich", Customer::enrich), s -> s.to("load"))
                .pipeline("load", l -> l
                        .processor("output", (Customer c) -> c, s -> s.to("load_db", "load_cache"))
                        .consumer("load_db", (Customer c) -> database.add(c))
                        .consumer("load_cache", (Customer c) -> cache.add(c)))
                .build()
                .run());
        return new Outcome(List.copyOf(database), List.copyOf(cache));
    }

    public static void main(String[] args) {
        Outcome o = run();
        System.out.println("Loaded into the database: " + o.database());
        System.out.println("Loaded into the cache:    " + o.cache().size());
    }
}
