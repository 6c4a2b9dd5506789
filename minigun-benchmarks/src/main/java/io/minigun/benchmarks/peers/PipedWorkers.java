package io.minigun.benchmarks.peers;

import io.minigun.benchmarks.ForkLauncher;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hand-rolled process isolation, the peer of Minigun's PROCESS context: starts worker JVMs (same java binary and
 * class path) running {@link PipeWorkerMain}, deals the items to them round-robin in batches of {@link #BATCH}
 * longs over their standard input with a {@link DataOutputStream}, and sums the doubled longs they send back on
 * standard output. The workers are started and stopped inside each call, as a per-run worker pool would be.
 */
public final class PipedWorkers {

    /** Longs per message on the pipe. */
    public static final int BATCH = 1024;

    private static final int BUFFER = 1 << 16;

    private PipedWorkers() {
    }

    /** Sends {@code 0..n−1} through {@code workers} child JVMs that double each item; answers the sum. */
    public static long doubleAndSum(long n, int workers) throws Exception {
        List<Process> processes = new ArrayList<>();
        try {
            for (int w = 0; w < workers; w++) {
                processes.add(new ProcessBuilder(ForkLauncher.javaBinary(), "-cp",
                        System.getProperty("java.class.path"), PipeWorkerMain.class.getName())
                        .redirectError(ProcessBuilder.Redirect.INHERIT)
                        .start());
            }
            AtomicLong total = new AtomicLong();
            ThreadCrew crew = new ThreadCrew("piped-workers");
            List<DataOutputStream> inputs = new ArrayList<>();
            for (Process process : processes) {
                inputs.add(new DataOutputStream(new BufferedOutputStream(process.getOutputStream(), BUFFER)));
                DataInputStream results = new DataInputStream(
                        new BufferedInputStream(process.getInputStream(), BUFFER));
                crew.start(() -> total.addAndGet(readResults(results)));
            }
            crew.start(() -> deal(n, inputs));
            crew.join();
            for (Process process : processes) {
                if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                    throw new IOException("worker JVM " + process.pid() + " did not exit cleanly");
                }
            }
            return total.get();
        } finally {
            for (Process process : processes) {
                if (process.isAlive()) {
                    process.destroyForcibly().waitFor();
                }
            }
        }
    }

    /**
     * Writes batch k to worker k mod W, then an empty batch (end of stream) to every worker. Closes every pipe
     * whatever happens, so that on a failure the workers see end of input, exit, and unblock their readers.
     */
    private static void deal(long n, List<DataOutputStream> inputs) throws IOException {
        try {
            int worker = 0;
            for (long start = 0; start < n; start += BATCH) {
                DataOutputStream out = inputs.get(worker);
                int count = (int) Math.min(BATCH, n - start);
                out.writeInt(count);
                for (long x = start, end = start + count; x < end; x++) {
                    out.writeLong(x);
                }
                worker = (worker + 1) % inputs.size();
            }
            for (DataOutputStream out : inputs) {
                out.writeInt(0);
                out.flush();
            }
        } finally {
            IOException closeFailure = null;
            for (DataOutputStream out : inputs) {
                try {
                    out.close();
                } catch (IOException e) {
                    closeFailure = e;
                }
            }
            if (closeFailure != null) {
                throw closeFailure;
            }
        }
    }

    /** Sums the results of one worker until its end-of-stream batch. */
    private static long readResults(DataInputStream in) throws IOException {
        long sum = 0;
        for (int count = in.readInt(); count != 0; count = in.readInt()) {
            for (int i = 0; i < count; i++) {
                sum += in.readLong();
            }
        }
        return sum;
    }
}
