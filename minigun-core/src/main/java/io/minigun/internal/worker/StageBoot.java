package io.minigun.internal.worker;

import io.minigun.process.SerializationCodec;

import io.minigun.process.Codec;
import io.minigun.process.ProcessOptions;
import io.minigun.process.StageRecipe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.util.function.BiConsumer;

/**
 * How the worker JVMs of one PROCESS stage are started: their boot frame, serialized once and before any JVM starts
 * (so that what cannot be serialized leaves no worker behind), their JVM options and codec, and the key under which
 * warm workers of the stage are kept.
 */
final class StageBoot {
    private final WorkerBoot boot;
    private final ProcessOptions options;
    private final Codec codec;
    private final String qualifiedName;
    private byte[] bytes;
    private WorkerKey key;

    private StageBoot(WorkerBoot boot, ProcessOptions options, Codec codec, String qualifiedName) {
        this.boot = boot;
        this.options = options;
        this.codec = codec;
        this.qualifiedName = qualifiedName;
    }

    /** How the workers of the stage {@code spec} describes are started. */
    static StageBoot of(ProcessStageSpec spec) {
        StageRecipe recipe = spec.recipe();
        // the default codec admits the classes of the stage's own packages too
        Codec codec = spec.options().codec() instanceof SerializationCodec serialization
                ? serialization.allowing(recipe.packages()) : spec.options().codec();
        WorkerBoot boot = new WorkerBoot(recipe, spec.pipeline(), spec.stage(), spec.kind(), spec.batchSize(),
                spec.maxWait() == null ? -1 : spec.maxWait().toNanos(), spec.retries(), spec.backoff().toNanos(),
                codec);
        return new StageBoot(boot, spec.options(), codec, spec.qualifiedName());
    }

    /** How items cross the pipe. */
    Codec codec() {
        return codec;
    }

    /** The stage as log lines name it: {@code pipeline/stage}. */
    String qualifiedName() {
        return qualifiedName;
    }

    /** Which warm workers can serve this stage. */
    synchronized WorkerKey key() {
        if (key == null) {
            key = new WorkerKey(bytes(), options.jvmArgs());
        }
        return key;
    }

    /**
     * Starts worker number {@code number} (from 1); {@code threads} starts the pump of its standard error.
     *
     * @throws IllegalStateException when the boot cannot be serialized (no JVM is started then)
     */
    WorkerProcess start(int number, BiConsumer<String, Runnable> threads) throws IOException {
        return WorkerProcess.start(bytes(), options, codec, qualifiedName + " worker " + number, threads);
    }

    private synchronized byte[] bytes() {
        if (bytes == null) {
            try {
                bytes = serialize(boot);
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException("stage '" + boot.stage() + "' cannot be sent to its worker JVMs: "
                        + e, e);
            }
        }
        return bytes;
    }

    /** Java serialization of a frame's body (BOOT, RUN). */
    static byte[] serialize(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }
}
