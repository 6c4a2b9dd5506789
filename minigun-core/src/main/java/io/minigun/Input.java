package io.minigun;

import java.time.Duration;
import java.util.Optional;

/**
 * A loop stage's view of its input queue. Iterating blocks for the next item and ends at end of stream.
 *
 * @param <T> the type of item received
 */
public interface Input<T> extends Iterable<T> {

    /**
     * Waits up to {@code timeout} for the next item. Returns an empty {@code Optional} on timeout or at end of stream;
     * {@link #isEnded()} tells the two apart.
     */
    Optional<T> poll(Duration timeout);

    /** Whether the input has ended: every upstream has finished and every item was taken. */
    boolean isEnded();
}
