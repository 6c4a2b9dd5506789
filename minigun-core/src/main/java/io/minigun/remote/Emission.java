package io.minigun.remote;

import org.jspecify.annotations.Nullable;

import java.util.Objects;

/**
 * One item that remote stage code emitted, with where it goes: along the DAG ({@code target == null}, from
 * {@code emit}) or to the named stage ({@code to("x").emit}). The same meaning as a PROCESS worker's emissions.
 */
public record Emission(@Nullable String target, Object item) {
    public Emission {
        Objects.requireNonNull(item, "item");
    }
}
