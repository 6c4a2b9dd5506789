package io.minigun.support;

import io.minigun.Output;
import io.minigun.Pipeline;
import io.minigun.PipelineBuilder;
import io.minigun.execution.PipelineExecutor;
import io.minigun.process.ProcessOptions;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs on PROCESS workers kept warm by an earlier run: the keep-alive variants of the fault tests build their pipeline
 * on an executor of their own with a keep-alive, run it once without items ({@link #warmUp}), then run the case.
 * Their producers emit nothing while {@link #warmingUp}.
 */
public final class WarmRuns {
    /** Long enough that no worker expires during a test. */
    public static final Duration KEEP_ALIVE = Duration.ofMinutes(5);
    private static final String WARM_UP = "warm-up";

    private WarmRuns() {
    }

    /** The builder, running on {@code executor} with workers kept warm. */
    public static PipelineBuilder keptWarm(PipelineBuilder builder, PipelineExecutor executor) {
        return builder.executor(executor).process(ProcessOptions.defaults().withKeepAlive(KEEP_ALIVE));
    }

    /** Whether the producer's run only starts the workers: then it emits nothing. */
    public static boolean warmingUp(Output<?> out) {
        return out.context().parameters().containsKey(WARM_UP);
    }

    /** Runs the pipeline once without items and returns the worker JVMs it left warm (there must be some). */
    public static List<ProcessHandle> warmUp(Pipeline pipeline) {
        pipeline.run(Map.of(WARM_UP, true)).throwIfFailed();
        List<ProcessHandle> warm = ProcessHandle.current().children().toList();
        assertThat(warm).as("worker JVMs kept warm by the warm-up run").isNotEmpty();
        return warm;
    }
}
