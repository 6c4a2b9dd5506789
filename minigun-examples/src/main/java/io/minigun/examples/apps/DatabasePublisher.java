package io.minigun.examples.apps;

import io.minigun.Minigun;
import io.minigun.RunResult;
import io.minigun.examples.Examples;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Ruby {@code 12_database_publisher.rb}: customers read from a (simulated) table are enriched and published; the
 * run's result tells how many were produced.
 */
public final class DatabasePublisher {

    private DatabasePublisher() {
    }

    public record Customer(int id, String email) {
    }

    public record Enriched(Customer customer, String segment) {
    }

    public record Outcome(RunResult run, List<Enriched> published) {
    }

    public static Outcome run() {
        List<Enriched> published = new CopyOnWriteArrayList<>();
        RunResult run = Examples.ok(Minigun.pipeline("database-publisher")
                .producer("customers", out -> {
                    for (int id = 1; id <= 20; id++) {
                        out.emit(new Customer(id, "customer" + id + "@example.com"));
                    }
                })
                .processor("enrich", (Customer c) -> new Enriched(c, c.id() <= 5 ? "vip" : "regular"))
                .consumer("publish", (Enriched e) -> published.add(e))
                .build()
                .run());
        return new Outcome(run, List.copyOf(published));
    }

    public static void main(String[] args) {
        Outcome o = run();
        System.out.println("Published " + o.run().produced() + " customers: " + o.published().size() + " enriched");
    }
}
