package io.minigun;

/**
 * Where a stage emits its items. {@link #emit} follows the pipeline's static edges; {@link #to} routes to a named
 * stage anywhere in the pipeline tree.
 *
 * @param <T> the type of item emitted
 */
public interface Output<T> {

    /**
     * Sends one item downstream. Blocks while the downstream queue is full (backpressure).
     *
     * <p>Items are not {@code null}. The engine does not check it, but does not carry a {@code null} reliably:
     * iterating a loop stage's {@link Input} stops at it, a one-argument processor cannot pass it on, and a failed
     * {@code null} item is reported as a stage-level failure.
     */
    void emit(T item);

    /**
     * An output bound to the named stage (dynamic routing). The name is resolved from the emitting stage's pipeline,
     * then its nested pipelines, then globally. An unknown or ambiguous name fails the item being processed.
     */
    <R> Output<R> to(String stage);

    /** The run this output belongs to. */
    RunContext context();
}
