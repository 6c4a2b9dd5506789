package io.minigun.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A worker whose parent JVM disappears (killed, no shutdown hook) exits by itself. */
@Timeout(90)
class OrphanWorkerTest {

    @Test
    void workersExitWhenTheirParentIsKilled() throws Exception {
        String java = ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java");
        Process parent = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                EndlessProcessPipelineMain.class.getName())
                .redirectOutput(new File("/dev/null"))
                .redirectError(new File("/dev/null"))
                .start();
        try {
            await().atMost(60, TimeUnit.SECONDS).until(() -> parent.toHandle().children().count() >= 2);
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
