package io.minigun.examples.routing;

import io.minigun.Minigun;
import io.minigun.Routing;
import io.minigun.examples.Examples;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * Ruby {@code 28_broadcast_fan_out.rb}: {@code Routing.BROADCAST} (the default, said explicitly here) gives each of
 * three branches every item; the branches tag the items and join in one collector.
 */
public final class BroadcastFanOut {

    private BroadcastFanOut() {
    }

    public static final List<String> BRANCHES = List.of("validate", "transform", "analyze");

    /** Per branch, the items it handled (tagged "branch:item"), in the order each branch saw them. */
    public static Map<String, List<String>> run() {
        List<String> results = new CopyOnWriteArrayList<>();
        Examples.ok(Minigun.pipeline("broadcast")
                .producer("generate", Examples.numbers(1, 3),
                        s -> s.routing(Routing.BROADCAST).to(BRANCHES.toArray(String[]::new)))
                .processor("validate", (Integer n) -> "validate:" + n, s -> s.to("collect"))
                .processor("transform", (Integer n) -> "transform:" + n, s -> s.to("collect"))
                .processor("analyze", (Integer n) -> "analyze:" + n, s -> s.to("collect"))
                .consumer("collect", (String tagged) -> results.add(tagged))
                .build()
                .run());
        return results.stream().collect(Collectors.groupingBy(t -> t.substring(0, t.indexOf(':')), TreeMap::new,
                Collectors.toList()));
    }

    public static void main(String[] args) {
        Map<String, List<String>> byBranch = run();
        System.out.println(byBranch.values().stream().mapToInt(List::size).sum() + " results: " + byBranch);
    }
}
