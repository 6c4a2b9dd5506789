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
     * <p>Items are never {@code null}: emitting one throws a {@link NullPointerException} that names the stage, and
     * nothing downstream sees it. It fails what any exception from stage code would: the item being processed (the
     * batch, in an accumulator's body), or the whole stage for a producer or a loop stage. A one-argument processor
     * returns {@code null} to emit nothing.
     *
     * @throws NullPointerException if {@code item} is {@code null}
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
