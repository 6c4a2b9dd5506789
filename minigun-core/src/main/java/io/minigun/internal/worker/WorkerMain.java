package io.minigun.internal.worker;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.PrintStream;

/**
 * The entry point of a worker JVM. Standard output carries protocol frames only (anything the stage prints goes to
 * standard error, which the parent logs); the worker exits when told to, when its input closes, or when its parent
 * process disappears.
 */
public final class WorkerMain {
    /** System property set on every worker JVM. */
    public static final String WORKER_PROPERTY = "minigun.worker";

    private WorkerMain() {
    }

    public static void main(String[] args) {
        FrameWriter out = new FrameWriter(new FileOutputStream(FileDescriptor.out));
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> {
            System.err.println("minigun worker: parent process " + parent.pid() + " is gone; exiting");
            Runtime.getRuntime().halt(3);
        }));
        FrameReader in = new FrameReader(new FileInputStream(FileDescriptor.in), null);
        int status = new WorkerLoop(in, out).run();
        System.exit(status);
    }
}
