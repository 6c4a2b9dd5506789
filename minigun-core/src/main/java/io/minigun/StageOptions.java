package io.minigun;

/** Configures one stage: {@code s -> s.threads(4).retries(2)}. */
@FunctionalInterface
public interface StageOptions {
    void configure(StageSpec spec);

    /** Options that change nothing. */
    static StageOptions none() {
        return spec -> { };
    }
}
