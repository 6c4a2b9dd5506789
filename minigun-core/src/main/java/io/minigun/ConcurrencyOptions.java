package io.minigun;

/** Configures a pipeline's concurrency: {@code c -> c.threads(10).retries(3)}. */
@FunctionalInterface
public interface ConcurrencyOptions {
    /** Sets the options on {@code spec}; what it leaves unset keeps its default. */
    void configure(ConcurrencySpec spec);
}
