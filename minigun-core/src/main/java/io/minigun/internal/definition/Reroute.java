package io.minigun.internal.definition;

import java.util.List;

/** Replaces the outgoing edges of stage {@code from} with edges to {@code to}. */
public record Reroute(String from, List<String> to) {
    public Reroute {
        to = List.copyOf(to);
    }
}
