package io.minigun.runtime;

import io.minigun.process.WorkerMain;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Starts worker JVMs from this JVM's runtime and class path, and makes sure none outlives this JVM: every live
 * worker is destroyed by a shutdown hook.
 */
final class WorkerProcesses {
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly),
                "minigun-worker-reaper"));
    }

    private WorkerProcesses() {
    }

    static Process start(List<String> jvmArgs) throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElse(System.getProperty("java.home") + "/bin/java");
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmArgs);
        command.add("-D" + WorkerMain.WORKER_PROPERTY + "=true");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(WorkerMain.class.getName());
        Process process = new ProcessBuilder(command).start();
        LIVE.add(process);
        process.onExit().thenRun(() -> LIVE.remove(process));
        return process;
    }
}
