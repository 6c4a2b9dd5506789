package io.minigun.internal.worker;

import io.minigun.ContextType;
import io.minigun.Minigun;
import io.minigun.PipelineRun;
import io.minigun.RunResult;
import io.minigun.RunStatus;
import io.minigun.support.Conservation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Worker JVMs talk to their parent over pipes only: while a PROCESS stage runs, no worker holds a socket and the
 * parent has opened none (so none listens) for them. Reads {@code /proc}; fails where it is missing.
 */
@Timeout(90)
class WorkerIsolationTest {

    private static final Path PROC = Path.of("/proc");

    @AfterEach
    void noWorkerIsLeftBehind() {
        await().atMost(15, TimeUnit.SECONDS).until(() -> ProcessHandle.current().children().count() == 0);
    }

    @Test
    void workersHoldNoSocketAndTheParentOpensNoneForThem() throws Exception {
        assertThat(PROC.resolve("self/fd")).as("this test reads /proc (Linux)").isDirectory();
        long parent = ProcessHandle.current().pid();
        Set<String> socketsBefore = sockets(fds(parent));
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger delivered = new AtomicInteger();
        PipelineRun run = Minigun.pipeline("isolated")
                .producer("numbers", o -> {
                    for (int i = 0; i < 100; i++) {
                        o.emit(i);
                    }
                    release.await(); // keeps the stage, and so its workers, running while the test looks
                })
                .processor("work", (Integer n) -> n + 1, s -> s.concurrency(ContextType.PROCESS).poolSize(2))
                .consumer("count", (Integer n) -> delivered.incrementAndGet())
                .build()
                .start();
        try {
            await().atMost(30, TimeUnit.SECONDS).until(() -> delivered.get() == 100);
            List<ProcessHandle> workers = ProcessHandle.current().children().toList();
            assertThat(workers).as("worker JVMs of the running stage").hasSize(2);

            for (ProcessHandle worker : workers) {
                Map<String, String> fds = fds(worker.pid());
                assertThat(fds.get("0")).as("stdin of worker %d", worker.pid()).startsWith("pipe:");
                assertThat(fds.get("1")).as("stdout of worker %d", worker.pid()).startsWith("pipe:");
                assertThat(sockets(fds)).as("sockets held by worker %d", worker.pid()).isEmpty();
                assertThat(worker.descendants()).as("processes started by worker %d", worker.pid()).isEmpty();
            }
            Set<String> socketsWhile = sockets(fds(parent));
            assertThat(listening(socketsWhile)).as("listening sockets of the parent").isEmpty();
            socketsWhile.removeAll(socketsBefore);
            assertThat(socketsWhile).as("sockets the parent opened while its workers run").isEmpty();
        } finally {
            release.countDown();
        }
        RunResult result = run.await(Duration.ofSeconds(30));

        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(delivered).hasValue(100);
        Conservation.assertHolds(result);
    }

    /** The open file descriptors of a process: number → link target ({@code pipe:[…]}, {@code socket:[…]}, a path). */
    private static Map<String, String> fds(long pid) {
        Map<String, String> fds = new HashMap<>();
        try (Stream<Path> entries = Files.list(PROC.resolve(pid + "/fd"))) {
            for (Path fd : entries.toList()) {
                try {
                    fds.put(fd.getFileName().toString(), Files.readSymbolicLink(fd).toString());
                } catch (NoSuchFileException closedMeanwhile) {
                    // a descriptor closed between the listing and the read
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the file descriptors of process " + pid, e);
        }
        assertThat(fds).as("file descriptors of process %d", pid).isNotEmpty();
        return fds;
    }

    /** The inodes of the sockets among these descriptors. */
    private static Set<String> sockets(Map<String, String> fds) {
        Set<String> inodes = new TreeSet<>();
        for (String target : fds.values()) {
            if (target.startsWith("socket:[")) {
                inodes.add(target.substring("socket:[".length(), target.length() - 1));
            }
        }
        return inodes;
    }

    /** Those of {@code inodes} that are listening TCP sockets (state 0A in /proc/net/tcp and tcp6). */
    private static Set<String> listening(Set<String> inodes) throws IOException {
        Set<String> found = new TreeSet<>();
        for (String table : List.of("self/net/tcp", "self/net/tcp6")) {
            Path path = PROC.resolve(table);
            if (!Files.exists(path)) {
                continue; // no IPv6 (or no IPv4) in this kernel: nothing can listen there
            }
            List<String> lines = Files.readAllLines(path);
            for (String line : lines.subList(1, lines.size())) {
                String[] columns = line.trim().split("\\s+");
                if (columns[3].equals("0A") && inodes.contains(columns[9])) {
                    found.add(table + ": " + line.trim());
                }
            }
        }
        return found;
    }
}
