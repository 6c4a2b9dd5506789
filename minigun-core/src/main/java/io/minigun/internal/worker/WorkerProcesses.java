package io.minigun.internal.worker;

import io.minigun.internal.stats.LatencySampling;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Starts worker JVMs from this JVM's runtime, the way this JVM was started ({@link WorkerLaunch}: its class path, or
 * its Spring Boot executable jar or unpacked jar), and makes sure none outlives this JVM: every live worker is
 * destroyed by a shutdown hook.
 *
 * <p>A worker's standard output carries protocol frames, so nothing else may write to it: the JVM's own messages
 * (warnings, {@code -Xlog} and {@code -verbose} output, diagnostic printouts) are sent to standard error, which the
 * parent logs line by line.
 */
final class WorkerProcesses {
    private static final Logger log = LoggerFactory.getLogger(WorkerProcesses.class);
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
    private static volatile boolean launchLogged;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly),
                "minigun-worker-reaper"));
    }

    private WorkerProcesses() {
    }

    static Process start(List<String> jvmArgs) throws IOException {
        WorkerLaunch launch;
        try {
            launch = WorkerLaunch.current();
        } catch (IllegalStateException e) {
            throw new IOException(e.getMessage(), e);
        }
        if (!launchLogged) {
            launchLogged = true;
            log.info("PROCESS workers start from: {}", launch.description());
        }
        Process process = new ProcessBuilder(command(jvmArgs, launch)).start();
        LIVE.add(process);
        process.onExit().thenRun(() -> LIVE.remove(process));
        return process;
    }

    /** The worker's command line: this JVM's {@code java}, the JVM options, then how {@code launch} reaches the code. */
    static List<String> command(List<String> jvmArgs, WorkerLaunch launch) {
        String java = ProcessHandle.current().info().command()
                .orElse(System.getProperty("java.home") + "/bin/java");
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions(jvmArgs));
        command.add("-D" + WorkerMain.WORKER_PROPERTY + "=true");
        command.addAll(launch.arguments());
        return command;
    }

    /**
     * The worker's JVM options: the user's, with every JVM output that would go to standard output sent to stderr,
     * and latency sampling off when it is off here. A worker that runs out of memory exits at once, so that it is
     * replaced and its item retried like any crashed worker's, rather than going on in a state nobody can trust.
     */
    static List<String> jvmOptions(List<String> userArgs) {
        return jvmOptions(userArgs, LatencySampling.ENABLED);
    }

    static List<String> jvmOptions(List<String> userArgs, boolean sampling) {
        List<String> options = new ArrayList<>(List.of(
                "-XX:+DisplayVMOutputToStderr", "-Xlog:disable", "-Xlog:all=warning:stderr",
                "-XX:+ExitOnOutOfMemoryError"));
        for (String arg : userArgs) {
            options.add(toStderr(arg));
        }
        if (!sampling) {
            // last, so that it wins over the user's options
            options.add("-D" + LatencySampling.PROPERTY + "=false");
        }
        return options;
    }

    /** {@code -Xlog:gc} or {@code -Xlog:gc:stdout} becomes {@code -Xlog:gc:stderr}; {@code -verbose:gc} likewise. */
    private static String toStderr(String arg) {
        if (arg.equals("-verbose:gc")) {
            return "-Xlog:gc:stderr";
        }
        if (arg.equals("-verbose:class")) {
            return "-Xlog:class+load,class+unload:stderr";
        }
        if (!arg.equals("-Xlog") && !arg.startsWith("-Xlog:")) {
            return arg;
        }
        String[] parts = (arg.equals("-Xlog") ? "-Xlog:all" : arg).split(":", -1);
        if (parts.length == 2) {
            return parts[0] + ":" + parts[1] + ":stderr";
        }
        if (parts.length > 2 && (parts[2].isEmpty() || parts[2].equals("stdout"))) {
            parts[2] = "stderr";
            return String.join(":", parts);
        }
        return arg;
    }
}
