package io.minigun.internal.worker;

import io.minigun.process.ProcessOptions;

import io.minigun.ContextType;
import io.minigun.Minigun;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;

/**
 * A JVM that runs a pipeline with a PROCESS stage once, keeps its two workers warm for an hour, writes the file named
 * by its argument, and then waits forever: for the orphan test to kill it while its workers are idle in the pool.
 */
public final class WarmWorkersMain {
    private WarmWorkersMain() {
    }

    public static void main(String[] args) throws Exception {
        Minigun.pipeline("warm")
                .process(ProcessOptions.defaults().withKeepAlive(Duration.ofHours(1)))
                .producer("numbers", out -> IntStream.range(0, 100).forEach(out::emit))
                .processor("work", (Integer n) -> n, s -> s.concurrency(ContextType.PROCESS).poolSize(2))
                .consumer("sink", (Integer n) -> { })
                .build()
                .run()
                .throwIfFailed();
        Files.writeString(Path.of(args[0]), "ran");
        new CountDownLatch(1).await();
    }
}
