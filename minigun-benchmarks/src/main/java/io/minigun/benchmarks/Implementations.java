package io.minigun.benchmarks;

import io.minigun.benchmarks.peers.AbqImplementation;
import io.minigun.benchmarks.peers.LoopBoxedImplementation;
import io.minigun.benchmarks.peers.LoopImplementation;
import io.minigun.benchmarks.peers.ReactorImplementation;
import io.minigun.benchmarks.peers.StreamImplementation;

import java.util.List;
import java.util.stream.Collectors;

/** The registry of implementations: Minigun, then the peers it is measured against. */
public final class Implementations {

    /** Name of the Minigun implementation, the numerator of every ratio. */
    public static final String MINIGUN = "minigun";

    private Implementations() {
    }

    /**
     * Every implementation: Minigun, the peers, then the Minigun variants: what stats, metrics and live stats cost
     * ({@code minigun-no-stats}, {@code minigun-metrics}, {@code minigun-live}; on {@code linear} and
     * {@code linear-async} only), and {@code process} with warm worker JVMs ({@code minigun-warm}).
     */
    public static List<Implementation> all() {
        return List.of(new MinigunImplementation(), new LoopImplementation(), new LoopBoxedImplementation(),
                new StreamImplementation(),
                new ReactorImplementation(), new AbqImplementation(),
                new MinigunImplementation(MinigunImplementation.Variant.NO_STATS),
                new MinigunImplementation(MinigunImplementation.Variant.METRICS),
                new MinigunImplementation(MinigunImplementation.Variant.LIVE),
                new MinigunImplementation(MinigunImplementation.Variant.WARM));
    }

    /** The implementation with this name. */
    public static Implementation byName(String name) {
        return all().stream()
                .filter(implementation -> implementation.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown implementation '" + name + "'; known: "
                        + all().stream().map(Implementation::name).collect(Collectors.joining(", "))));
    }
}
