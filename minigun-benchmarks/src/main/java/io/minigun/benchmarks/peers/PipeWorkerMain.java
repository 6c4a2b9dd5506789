package io.minigun.benchmarks.peers;

import io.minigun.benchmarks.Work;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;

/**
 * The worker JVM of {@link PipedWorkers}: reads batches ({@code int count}, then {@code count} longs) from standard
 * input, writes each batch back doubled, and on an empty batch writes an empty batch and exits.
 */
public final class PipeWorkerMain {

    private static final int BUFFER = 1 << 16;

    private PipeWorkerMain() {
    }

    /** Worker entry point; takes no arguments. */
    public static void main(String[] args) throws IOException {
        try (DataInputStream in = new DataInputStream(
                     new BufferedInputStream(new FileInputStream(FileDescriptor.in), BUFFER));
             DataOutputStream out = new DataOutputStream(
                     new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), BUFFER))) {
            for (int count = in.readInt(); count != 0; count = in.readInt()) {
                out.writeInt(count);
                for (int i = 0; i < count; i++) {
                    out.writeLong(Work.twice(in.readLong()));
                }
            }
            out.writeInt(0);
        }
    }
}
