package io.minigun;

/** Configures one stage: {@code s -> s.threads(4).retries(2)}. */
@FunctionalInterface
public interface StageOptions {
    /** Sets this stage's options on {@code spec}. */
    void configure(StageSpec spec);

    /** These options, then {@code next}: shared options combined with a stage's own. */
    default StageOptions andThen(StageOptions next) {
        java.util.Objects.requireNonNull(next, "next");
        return spec -> {
            configure(spec);
            next.configure(spec);
        };
    }

    /** Options that change nothing. */
    static StageOptions none() {
        return spec -> { };
    }
}
