package io.minigun.process;

import io.minigun.RunHook;
import org.jspecify.annotations.Nullable;

import java.util.List;

/**
 * A stage as a worker JVM needs it: the normalized body (a {@code ProcessorFunction} for processors and consumers,
 * an {@code AccumulatorFunction} or {@code null} for accumulators) and the {@code afterFork} hooks to run at start.
 */
public record WorkerStage(@Nullable Object body, List<RunHook> afterFork) {
    public WorkerStage {
        afterFork = List.copyOf(afterFork);
    }
}
