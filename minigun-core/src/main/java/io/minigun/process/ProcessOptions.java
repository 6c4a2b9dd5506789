package io.minigun.process;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a pipeline's PROCESS stages start their worker JVMs, talk to them, and how long they keep them.
 *
 * @param jvmArgs   extra JVM arguments for every worker (for example {@code -Xmx256m}); JVM output they turn on
 *                  ({@code -Xlog:gc}, {@code -verbose:gc}) goes to the worker's stderr, because its stdout carries
 *                  frames
 * @param codec     how items cross the pipe; the default admits JDK types and the pipeline's own packages
 * @param keepAlive how long a stage's workers stay warm after a run for the next runs of the same stage;
 *                  {@link Duration#ZERO} (the default) stops them at the end of every run. Warm workers belong to the
 *                  {@link io.minigun.execution.PipelineExecutor} that ran them: they are stopped when idle for that
 *                  long, when the executor is closed, and always with this JVM
 */
public record ProcessOptions(List<String> jvmArgs, Codec codec, Duration keepAlive) {

    public ProcessOptions {
        jvmArgs = List.copyOf(jvmArgs);
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(keepAlive, "keepAlive");
        if (keepAlive.isNegative()) {
            throw new IllegalArgumentException("keepAlive must not be negative, was " + keepAlive);
        }
    }

    /** Options that stop the workers at the end of every run. */
    public ProcessOptions(List<String> jvmArgs, Codec codec) {
        this(jvmArgs, codec, Duration.ZERO);
    }

    /** No extra JVM arguments, the default codec, workers stopped at the end of every run. */
    public static ProcessOptions defaults() {
        return new ProcessOptions(List.of(), new SerializationCodec());
    }

    public ProcessOptions withJvmArgs(List<String> args) {
        return new ProcessOptions(args, codec, keepAlive);
    }

    public ProcessOptions withCodec(Codec newCodec) {
        return new ProcessOptions(jvmArgs, newCodec, keepAlive);
    }

    /**
     * Keeps the workers of each PROCESS stage warm for {@code idle} after a run, so that the next runs of the same
     * stage reuse them instead of starting JVMs again; {@link Duration#ZERO} stops them at the end of every run.
     */
    public ProcessOptions withKeepAlive(Duration idle) {
        return new ProcessOptions(jvmArgs, codec, idle);
    }

    /** Whether workers stay warm between runs. */
    public boolean keepsWorkersAlive() {
        return !keepAlive.isZero();
    }
}
