package io.minigun.internal.worker;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A worker whose parent JVM disappears (killed, no shutdown hook) exits by itself, busy or warm in the pool. */
@Timeout(90)
class OrphanWorkerTest {

    @Test
    void workersExitWhenTheirParentIsKilled() throws Exception {
        Process parent = start(EndlessProcessPipelineMain.class);
        killParentAndAwaitWorkers(parent, () -> parent.toHandle().children().count() >= 2);
    }

    @Test
    void warmWorkersIdleInThePoolExitWhenTheirParentIsKilled(@TempDir Path temp) throws Exception {
        Path ran = temp.resolve("ran");
        Process parent = start(WarmWorkersMain.class, ran.toString());
        killParentAndAwaitWorkers(parent, () -> Files.exists(ran) && parent.toHandle().children().count() == 2);
    }

    private static Process start(Class<?> main, String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java");
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                main.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .redirectOutput(new File("/dev/null"))
                .redirectError(new File("/dev/null"))
                .start();
    }

    /** Waits until {@code workersUp}, kills the parent with SIGKILL, and waits for its workers to exit. */
    private static void killParentAndAwaitWorkers(Process parent, Callable<Boolean> workersUp) throws Exception {
        try {
            await().atMost(60, TimeUnit.SECONDS).until(workersUp);
            List<ProcessHandle> workers = parent.toHandle().children().toList();

            parent.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

            await().atMost(20, TimeUnit.SECONDS).until(() -> workers.stream().noneMatch(ProcessHandle::isAlive));
            assertThat(workers).hasSizeGreaterThanOrEqualTo(2);
        } finally {
            parent.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            parent.destroyForcibly();
        }
    }
}
