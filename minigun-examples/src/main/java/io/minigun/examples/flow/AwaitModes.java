package io.minigun.examples.flow;

import io.minigun.Minigun;
import io.minigun.Output;
import io.minigun.Pipeline;
import io.minigun.examples.Examples;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Ruby {@code 90_await_modes.rb}: stages reached only by dynamic routing. In the original, a stage without
 * {@code await} that has no upstream shuts down at once and loses what is routed to it later. Here a stage ends only
 * once the whole run is quiet, so every routed item arrives whatever the await setting; {@code await(true)} only
 * keeps the stage out of the automatic wiring.
 */
public final class AwaitModes {

    private AwaitModes() {
    }

    static final List<String> TARGETS = List.of("awaiting", "not_awaiting");

    /** Per target, the items it received. */
    public static Map<String, List<Integer>> run() {
        Map<String, List<Integer>> received = new ConcurrentHashMap<>();
        TARGETS.forEach(t -> received.put(t, new CopyOnWriteArrayList<>()));
        Pipeline pipeline = Minigun.pipeline("await-modes")
                .producer("generate", out -> {
                    for (int i = 1; i <= 3; i++) {
                        Thread.sleep(5);   // the items come late: the targets are idle when the run starts
                        out.emit(i);
                    }
                }, s -> s.to("router"))
                .consumer("not_awaiting", (Integer n) -> received.get("not_awaiting").add(n), s -> s.await(false))
                .consumer("awaiting", (Integer n) -> received.get("awaiting").add(n), s -> s.await(true))
                .consumer("router", (Integer n, Output<Integer> out) -> {
                    for (String target : TARGETS) {
                        out.<Integer>to(target).emit(n);
                    }
                })
                .build();
        Examples.ok(pipeline.run());
        return new TreeMap<>(received);
    }

    public static void main(String[] args) {
        run().forEach((target, items) -> System.out.println(target + ": " + items));
    }
}
