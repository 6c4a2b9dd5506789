package io.minigun.benchmarks;

import io.minigun.benchmarks.peers.AbqImplementation;
import io.minigun.benchmarks.peers.LoopImplementation;
import io.minigun.benchmarks.peers.ReactorImplementation;
import io.minigun.benchmarks.peers.StreamImplementation;

import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The registry of implementations: the four peers, plus Minigun's own when the class
 * {@value #MINIGUN_CLASS} is on the class path. Looking it up by name lets the Minigun implementation be dropped in
 * without touching the harness; until then the table shows its ratios as {@code n/a}.
 */
public final class Implementations {

    /** Name of the Minigun implementation, the numerator of every ratio. */
    public static final String MINIGUN = "minigun";

    /** Fully qualified name of the Minigun implementation class (public or package-private, no-argument constructor). */
    public static final String MINIGUN_CLASS = "io.minigun.benchmarks.MinigunImplementation";

    private Implementations() {
    }

    /** Every available implementation, Minigun first when present. */
    public static List<Implementation> all() {
        List<Implementation> all = new ArrayList<>();
        minigun().ifPresent(all::add);
        all.add(new LoopImplementation());
        all.add(new StreamImplementation());
        all.add(new ReactorImplementation());
        all.add(new AbqImplementation());
        return Collections.unmodifiableList(all);
    }

    /** The implementation with this name. */
    public static Implementation byName(String name) {
        return all().stream()
                .filter(implementation -> implementation.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown implementation '" + name + "'; known: "
                        + all().stream().map(Implementation::name).collect(Collectors.joining(", "))
                        + (minigun().isPresent() ? "" : " (" + MINIGUN + " is not written yet: " + MINIGUN_CLASS
                        + " is missing)")));
    }

    /** Minigun's implementation, when its class exists. */
    public static Optional<Implementation> minigun() {
        Class<?> type;
        try {
            type = Class.forName(MINIGUN_CLASS);
        } catch (ClassNotFoundException absent) {
            return Optional.empty();
        }
        try {
            var constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return Optional.of((Implementation) constructor.newInstance());
        } catch (ReflectiveOperationException | ClassCastException e) {
            Throwable cause = e instanceof InvocationTargetException ? e.getCause() : e;
            throw new IllegalStateException(MINIGUN_CLASS + " exists but cannot be created as an "
                    + Implementation.class.getSimpleName() + ": " + cause, cause);
        }
    }
}
