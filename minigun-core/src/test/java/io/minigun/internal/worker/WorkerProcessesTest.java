package io.minigun.internal.worker;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A worker's stdout carries frames, so every JVM output option is pointed at stderr. */
class WorkerProcessesTest {

    @Test
    void theJvmsOwnMessagesGoToStderrBeforeAnyUserOption() {
        assertThat(WorkerProcesses.jvmOptions(List.of("-Xmx256m")))
                .containsExactly("-XX:+DisplayVMOutputToStderr", "-Xlog:disable", "-Xlog:all=warning:stderr",
                        "-XX:+ExitOnOutOfMemoryError", "-Xmx256m");
    }

    @Test
    void loggingOptionsWithoutAnOutputOrWritingToStdoutAreSentToStderr() {
        assertThat(WorkerProcesses.jvmOptions(List.of("-Xlog", "-Xlog:gc", "-Xlog:gc*=debug:stdout",
                "-Xlog:safepoint::uptime", "-verbose:gc", "-verbose:class")).subList(4, 10))
                .containsExactly("-Xlog:all:stderr", "-Xlog:gc:stderr", "-Xlog:gc*=debug:stderr",
                        "-Xlog:safepoint:stderr:uptime", "-Xlog:gc:stderr", "-Xlog:class+load,class+unload:stderr");
    }

    @Test
    void loggingToAFileOrToStderrIsLeftAsItIs() {
        assertThat(WorkerProcesses.jvmOptions(List.of("-Xlog:gc:file=gc.log", "-Xlog:gc:stderr", "-verbose:jni"))
                .subList(4, 7))
                .containsExactly("-Xlog:gc:file=gc.log", "-Xlog:gc:stderr", "-verbose:jni");
    }

    @Test
    void aWorkerSamplesLatenciesOnlyWhenThisJvmDoes() {
        assertThat(WorkerProcesses.jvmOptions(List.of("-Dminigun.stats.sampling=true"), false))
                .endsWith("-Dminigun.stats.sampling=true", "-Dminigun.stats.sampling=false");
        assertThat(WorkerProcesses.jvmOptions(List.of(), true)).noneMatch(o -> o.contains("minigun.stats.sampling"));
    }
}
