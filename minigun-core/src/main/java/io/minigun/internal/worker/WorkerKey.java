package io.minigun.internal.worker;

import java.util.Arrays;
import java.util.List;

/**
 * Which warm workers can serve a stage: those booted with the same bytes (pipeline, stage, recipe, codec and how the
 * stage runs, see {@link WorkerBoot}) and started with the same JVM options. Two stages whose boots serialize alike
 * would get interchangeable workers, so the bytes are the identity; a boot that serializes differently each time
 * only misses a reuse.
 */
final class WorkerKey {
    private final byte[] boot;
    private final List<String> jvmArgs;
    private final int hash;

    WorkerKey(byte[] boot, List<String> jvmArgs) {
        this.boot = boot.clone();
        this.jvmArgs = List.copyOf(jvmArgs);
        this.hash = 31 * Arrays.hashCode(boot) + jvmArgs.hashCode();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WorkerKey key && hash == key.hash && jvmArgs.equals(key.jvmArgs)
                && Arrays.equals(boot, key.boot);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
