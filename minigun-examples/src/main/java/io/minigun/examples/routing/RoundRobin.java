package io.minigun.examples.routing;

import io.minigun.Minigun;
import io.minigun.Routing;
import io.minigun.examples.Examples;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Ruby {@code 27_round_robin.rb}: {@code Routing.ROUND_ROBIN} deals the items to three workers in turn, in the order
 * the targets are declared, instead of broadcasting them.
 */
public final class RoundRobin {

    private RoundRobin() {
    }

    /** The items each worker received. */
    public static Map<String, List<Integer>> run() {
        Map<String, List<Integer>> received = new ConcurrentHashMap<>();
        for (String w : List.of("worker_1", "worker_2", "worker_3")) {
            received.put(w, new CopyOnWriteArrayList<>());
        }
        Examples.ok(Minigun.pipeline("round-robin")
                .producer("generate", Examples.numbers(1, 10),
                        s -> s.routing(Routing.ROUND_ROBIN).to("worker_1", "worker_2", "worker_3"))
                .consumer("worker_1", (Integer n) -> received.get("worker_1").add(n))
                .consumer("worker_2", (Integer n) -> received.get("worker_2").add(n))
                .consumer("worker_3", (Integer n) -> received.get("worker_3").add(n))
                .build()
                .run());
        return Map.copyOf(received);
    }

    public static void main(String[] args) {
        run().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> System.out.println(e.getKey() + ": " + e.getValue().size() + " items " + e.getValue()));
    }
}
