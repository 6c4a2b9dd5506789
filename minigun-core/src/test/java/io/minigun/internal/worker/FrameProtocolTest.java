package io.minigun.internal.worker;

import io.minigun.process.Codec;
import io.minigun.process.UnreadableItemException;

import io.minigun.process.SerializationCodec;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Both directions of the parent–worker protocol, through a byte array instead of a pipe: no JVM is started. */
class FrameProtocolTest {
    private final SerializationCodec codec = new SerializationCodec(List.of("io.minigun.process"));
    private final ByteArrayOutputStream pipe = new ByteArrayOutputStream();
    private final FrameWriter writer = new FrameWriter(pipe);

    private FrameReader reader() throws IOException {
        writer.flush();
        return new FrameReader(new ByteArrayInputStream(pipe.toByteArray()), codec);
    }

    private ByteArrayOutputStream encoded(Object... items) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        for (Object item : items) {
            codec.write(item, out);
        }
        return bytes;
    }

    /** Records every frame a worker sends, as text. */
    private static final class Recorder implements FrameReader.WorkerFrames {
        final List<String> frames = new ArrayList<>();

        @Override
        public void ready() {
            frames.add("ready");
        }

        @Override
        public void emitted(String target, Object item) {
            frames.add("emit " + target + " " + item);
        }

        @Override
        public void unreadable(String target, UnreadableItemException e) {
            frames.add("unreadable " + target);
        }

        @Override
        public void done(int count, int retries, long sampleNanos, int sampleWeight) {
            frames.add("done " + count + " " + retries + " " + sampleNanos + " " + sampleWeight);
        }

        @Override
        public void failed(int count, int attempts, int retries, Throwable failure) {
            frames.add("failed " + count + " " + attempts + " " + retries + " " + failure.getMessage());
        }

        @Override
        public void received(int count) {
            frames.add("received " + count);
        }

        @Override
        public void fatal(Throwable failure) {
            frames.add("fatal " + failure.getMessage());
        }

        @Override
        public void ended() {
            frames.add("ended");
        }
    }

    @Test
    void whatTheParentWritesAWorkerReadsBackInOrder() throws Exception {
        WorkerBoot boot = new WorkerBoot(null, "p", "s", io.minigun.internal.definition.StageKind.PROCESSOR, 10, -1, 2,
                1_000, codec);
        writer.boot(serialized(boot));
        writer.run(serialized(new WorkerRun("run-1", "p", java.util.Map.of("day", "monday"))));
        writer.items(3, encoded(1, "two", List.of(3L)));
        writer.end();
        writer.run(serialized(new WorkerRun("run-2", "p", java.util.Map.of("day", "tuesday"))));
        writer.items(1, encoded(4));
        writer.end();
        writer.exit();

        FrameReader reader = new FrameReader(new ByteArrayInputStream(flushed()), null);
        WorkerBoot read = reader.readBoot();

        assertThat(read.stage()).isEqualTo("s");
        assertThat(reader.readFromParent()).isInstanceOfSatisfying(WorkerRun.class, run -> {
            assertThat(run.runId()).isEqualTo("run-1");
            assertThat(run.parameters()).containsEntry("day", "monday");
        });
        assertThat((Object[]) reader.readFromParent()).containsExactly(1, "two", List.of(3L));
        assertThat(reader.readFromParent()).isSameAs(FrameReader.END);
        assertThat(reader.readFromParent()).as("a warm worker's next run")
                .isInstanceOfSatisfying(WorkerRun.class, run -> {
                    assertThat(run.runId()).isEqualTo("run-2");
                    assertThat(run.parameters()).containsEntry("day", "tuesday");
                });
        assertThat((Object[]) reader.readFromParent()).containsExactly(4);
        assertThat(reader.readFromParent()).isSameAs(FrameReader.END);
        assertThat(reader.readFromParent()).isSameAs(FrameReader.EXIT);
        assertThatThrownBy(reader::readFromParent).isInstanceOf(EOFException.class);
    }

    private static byte[] serialized(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }

    private byte[] flushed() throws IOException {
        writer.flush();
        return pipe.toByteArray();
    }

    @Test
    void whatAWorkerWritesTheParentReadsBackFrameByFrame() throws Exception {
        writer.ready();
        writer.emit(null, encoded("a"));
        writer.emit("audit", encoded(42));
        codec.write(7L, writer.beginEmit());
        writer.done(3, 1, 12_345L, 16);
        writer.received(5);
        writer.failed(1, 3, 2, new IllegalStateException("bad item"));
        writer.fatal(new OutOfMemoryError("gone"));
        writer.ended();

        FrameReader reader = reader();
        Recorder recorder = new Recorder();
        for (int i = 0; i < 9; i++) {
            reader.readFromWorker(recorder);
        }

        assertThat(recorder.frames).containsExactly("ready", "emit null a", "emit audit 42", "emit null 7",
                "done 3 1 12345 16", "received 5", "failed 1 3 2 bad item", "fatal gone", "ended");
        assertThatThrownBy(() -> reader.readFromWorker(recorder)).isInstanceOf(EOFException.class);
    }

    @Test
    void anEmissionThatCannotBeDecodedFailsAloneAndTheStreamStaysInStep() throws Exception {
        SerializationCodec permissive = new SerializationCodec(List.of("io.minigun.process", "java.lang"));
        ByteArrayOutputStream outside = new ByteArrayOutputStream();
        permissive.write(new Unlisted("x"), new DataOutputStream(outside));
        writer.emit(null, outside);
        writer.emit(null, encoded("after"));
        writer.done(2, 0, 0, 0);

        FrameReader reader = new FrameReader(new ByteArrayInputStream(flushed()),
                new SerializationCodec(List.of()));
        Recorder recorder = new Recorder();
        for (int i = 0; i < 3; i++) {
            reader.readFromWorker(recorder);
        }

        assertThat(recorder.frames).containsExactly("unreadable null", "emit null after", "done 2 0 0 0");
    }

    @Test
    void anEmissionTheCodecReadsAsNullFailsAloneAndTheStreamStaysInStep() throws Exception {
        writer.emit(null, encoded("nothing"));
        writer.emit(null, encoded("after"));
        writer.done(2, 0, 0, 0);
        Codec readsNothingAsNull = new Codec() {
            @Override
            public void write(Object item, DataOutput out) throws IOException {
                codec.write(item, out);
            }

            @Override
            public Object read(DataInput in) throws IOException {
                Object item = codec.read(in);
                return "nothing".equals(item) ? null : item;
            }
        };

        FrameReader reader = new FrameReader(new ByteArrayInputStream(flushed()), readsNothingAsNull);
        Recorder recorder = new Recorder();
        for (int i = 0; i < 3; i++) {
            reader.readFromWorker(recorder);
        }

        assertThat(recorder.frames).containsExactly("unreadable null", "emit null after", "done 2 0 0 0");
    }

    /** A class the reading codec does not allow. */
    record Unlisted(String value) implements java.io.Serializable {
    }

    @Test
    void aByteThatStartsNoFrameIsReportedAsSuch() throws Exception {
        pipe.write("hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

        FrameReader reader = reader();

        assertThatThrownBy(() -> reader.readFromWorker(new Recorder()))
                .isInstanceOfSatisfying(FrameReader.NotAFrameException.class,
                        e -> assertThat(e.type()).isEqualTo('h'));
        assertThatThrownBy(new FrameReader(new ByteArrayInputStream(new byte[] {99}), codec)::readFromParent)
                .isInstanceOf(FrameReader.NotAFrameException.class);
    }
}
