package io.minigun.benchmarks;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Measures one (workload, implementation) pair in a fresh JVM started from this JVM's own java binary and class
 * path, so that no pair inherits another's JIT profile, heap or threads.
 */
public final class ForkLauncher {

    private final List<String> jvmArgs;
    private final Duration timeout;

    /** A launcher adding {@code jvmArgs} to every child and killing a child that runs longer than {@code timeout}. */
    public ForkLauncher(List<String> jvmArgs, Duration timeout) {
        this.jvmArgs = List.copyOf(jvmArgs);
        this.timeout = timeout;
    }

    /** The java binary running this JVM. */
    public static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** Runs the pair in a child JVM and reports its measurement or why it failed. */
    public Outcome measure(Workload workload, Implementation measured, long n, int warmups, int rounds)
            throws IOException, InterruptedException {
        String implementation = measured.name();
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(jvmArgs);
        command.addAll(measured.jvmArgs());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ForkedRun.class.getName());
        command.add(workload.id());
        command.add(implementation);
        command.add(Long.toString(n));
        command.add(Integer.toString(warmups));
        command.add(Integer.toString(rounds));

        File stdout = File.createTempFile("minigun-bench-", ".out");
        Process child = null;
        Thread killer = null;
        try {
            child = new ProcessBuilder(command)
                    .redirectOutput(stdout)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            Process started = child;
            killer = new Thread(started::destroyForcibly, "minigun-bench-child-killer");
            Runtime.getRuntime().addShutdownHook(killer);
            if (!child.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return Outcome.failed(workload, implementation, "timed out after " + timeout.toSeconds() + " s");
            }
            int status = child.exitValue();
            List<String> lines = Files.readAllLines(stdout.toPath(), StandardCharsets.UTF_8);
            if (status == ForkedRun.WRONG_RESULT) {
                return Outcome.failed(workload, implementation, "wrong result (see the child's message above)");
            }
            if (status != 0) {
                return Outcome.failed(workload, implementation, "child JVM exited with status " + status);
            }
            for (String line : lines) {
                Measurement measurement = Measurement.parseLine(line);
                if (measurement != null) {
                    return Outcome.measured(workload, implementation, measurement);
                }
            }
            return Outcome.failed(workload, implementation, "child JVM printed no result line");
        } finally {
            if (child != null && child.isAlive()) {
                child.destroyForcibly().waitFor();
            }
            if (killer != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(killer);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running or about to; nothing to undo
                }
            }
            Files.deleteIfExists(stdout.toPath());
        }
    }
}
