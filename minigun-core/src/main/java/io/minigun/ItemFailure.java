package io.minigun;

import org.jspecify.annotations.Nullable;

/**
 * One failure recorded by a run: an item that failed after its retries, or a stage-level failure (a producer, loop
 * stage or hook that threw), in which case {@link #item()} is {@code null}.
 *
 * @param pipeline  the pipeline that owns the stage
 * @param stage     the stage name (the pipeline name for a pipeline-level hook)
 * @param item      the item that failed, or {@code null} for a stage-level failure
 * @param exception what was thrown on the last attempt
 * @param attempts  how many times the item was tried (1 when it was not retried; 0 for a stage-level failure)
 */
public record ItemFailure(String pipeline, String stage, @Nullable Object item, Throwable exception, int attempts) {

    /** Whether this failure concerns a whole stage rather than one item. */
    public boolean isStageFailure() {
        return item == null;
    }

    @Override
    public String toString() {
        String what = item == null ? "stage failure" : "item " + item;
        return pipeline + "/" + stage + ": " + what + " after " + attempts + " attempt(s): " + exception;
    }
}
