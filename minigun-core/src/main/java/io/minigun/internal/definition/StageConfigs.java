package io.minigun.internal.definition;

import io.minigun.StageSpec;

import java.util.Objects;
import java.util.function.Function;

/**
 * Reads the options held by a {@link StageSpec} (an API type whose accessors are not public) for front ends in
 * internal packages. {@code StageSpec} installs the reader when it is initialised, which has happened once a spec
 * exists (the JDK's "shared secrets" pattern).
 */
public final class StageConfigs {
    private static volatile Function<StageSpec, StageConfig> reader;

    private StageConfigs() {
    }

    /** Called once by {@code StageSpec}. */
    public static void install(Function<StageSpec, StageConfig> specReader) {
        reader = Objects.requireNonNull(specReader, "reader");
    }

    /** The options {@code spec} holds. */
    public static StageConfig of(StageSpec spec) {
        return reader.apply(spec);
    }
}
