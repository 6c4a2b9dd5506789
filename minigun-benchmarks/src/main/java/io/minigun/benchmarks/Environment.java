package io.minigun.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Describes the JDK and the machine a run measured, for the lines above the table. */
public final class Environment {

    private Environment() {
    }

    /** JDK version, VM and vendor, e.g. {@code 17.0.15+6 (OpenJDK 64-Bit Server VM, Debian)}. */
    public static String jdk() {
        return Runtime.version() + " (" + System.getProperty("java.vm.name") + ", "
                + System.getProperty("java.vendor") + ")";
    }

    /** Cores, CPU model when known, OS and architecture. */
    public static String machine() {
        return Runtime.getRuntime().availableProcessors() + " cores" + cpuModel() + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch") + ", max heap per JVM "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB";
    }

    private static String cpuModel() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return "";
        }
        try (Stream<String> lines = Files.lines(cpuinfo)) {
            return lines.filter(line -> line.startsWith("model name"))
                    .map(line -> " (" + line.substring(line.indexOf(':') + 1).trim() + ")")
                    .findFirst()
                    .orElse("");
        } catch (IOException | RuntimeException unreadable) {
            return "";
        }
    }
}
