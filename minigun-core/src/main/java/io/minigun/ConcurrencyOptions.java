package io.minigun;

/** Configures a pipeline's concurrency: {@code c -> c.threads(10).retries(3)}. */
@FunctionalInterface
public interface ConcurrencyOptions {
    void configure(ConcurrencySpec spec);
}
