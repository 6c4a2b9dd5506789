package io.minigun.examples.routing;

import io.minigun.Minigun;
import io.minigun.Output;
import io.minigun.examples.Examples;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Ruby {@code 39_load_balancer.rb}: a router sends each request by name to one of three servers (id modulo 3); each
 * server is a thread pool of 3. The servers are {@code await(true)}: reached only by dynamic routing, they are left
 * out of the automatic wiring.
 */
public final class LoadBalancer {

    private LoadBalancer() {
    }

    public record Request(int id) {
    }

    static final List<String> SERVERS = List.of("server_0", "server_1", "server_2");

    /** Per server, the request ids it handled, sorted. */
    public static Map<String, List<Integer>> run() {
        Map<String, List<Integer>> handled = new ConcurrentHashMap<>();
        SERVERS.forEach(s -> handled.put(s, new CopyOnWriteArrayList<>()));
        var builder = Minigun.pipeline("load-balancer")
                .producer("requests", out -> {
                    for (int id = 1; id <= 15; id++) {
                        out.emit(new Request(id));
                    }
                })
                .processor("router",
                        (Request r, Output<Request> out) -> out.<Request>to(SERVERS.get(r.id() % 3)).emit(r));
        for (String server : SERVERS) {
            builder.consumer(server, (Request r) -> handled.get(server).add(r.id()), s -> s.threads(3).await(true));
        }
        Examples.ok(builder.build().run());
        Map<String, List<Integer>> sorted = new TreeMap<>();
        handled.forEach((server, ids) -> sorted.put(server, Examples.sorted(ids)));
        return sorted;
    }

    public static void main(String[] args) {
        run().forEach((server, ids) -> System.out.println(server + ": " + ids.size() + " requests " + ids));
    }
}
