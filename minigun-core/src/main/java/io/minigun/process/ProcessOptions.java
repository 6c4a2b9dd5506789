package io.minigun.process;

import java.util.List;
import java.util.Objects;

/**
 * How a pipeline's PROCESS stages start their worker JVMs and talk to them.
 *
 * @param jvmArgs extra JVM arguments for every worker (for example {@code -Xmx256m}); JVM output they turn on
 *                ({@code -Xlog:gc}, {@code -verbose:gc}) goes to the worker's stderr, because its stdout carries frames
 * @param codec   how items cross the pipe; the default admits JDK types and the pipeline's own packages
 */
public record ProcessOptions(List<String> jvmArgs, Codec codec) {

    public ProcessOptions {
        jvmArgs = List.copyOf(jvmArgs);
        Objects.requireNonNull(codec, "codec");
    }

    /** No extra JVM arguments, the default codec. */
    public static ProcessOptions defaults() {
        return new ProcessOptions(List.of(), new SerializationCodec());
    }

    public ProcessOptions withJvmArgs(List<String> args) {
        return new ProcessOptions(args, codec);
    }

    public ProcessOptions withCodec(Codec newCodec) {
        return new ProcessOptions(jvmArgs, newCodec);
    }
}
