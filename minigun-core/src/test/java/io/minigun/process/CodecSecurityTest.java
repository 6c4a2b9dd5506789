package io.minigun.process;

import io.minigun.gadget.Gadget;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The default PROCESS codec never instantiates a class outside its allow-list: bytes an attacker could put on the
 * pipe, written with a plain {@link ObjectOutputStream} in the codec's framing, are refused before the class's
 * {@code readObject} runs, with a message that names the class and how to admit it.
 */
class CodecSecurityTest {

    /** The codec's tag for a Java-serialized value: one byte, then the length, then the serialization stream. */
    private static final byte SERIALIZED = 7;

    @BeforeEach
    void resetTheTrace() {
        Gadget.READS.set(0);
    }

    @Test
    void theCraftedFramingIsWhatTheCodecReads() throws IOException {
        ArrayList<Object> values = new ArrayList<>(List.of(1L, "two", Map.of("three", 3)));

        assertThat(new SerializationCodec().read(framed(values))).isEqualTo(values);
    }

    @Test
    void aGadgetIsReadWhenItsPackageIsAllowed() throws IOException {
        Object read = new SerializationCodec(List.of("io.minigun.gadget")).read(framed(new Gadget("x")));

        assertThat(read).isInstanceOf(Gadget.class);
        assertThat(Gadget.READS).hasValue(1);
    }

    @Test
    void aClassOutsideTheAllowListIsRejectedWithoutBeingInstantiated() {
        assertRejectedUnread(new SerializationCodec(), new Gadget("top level"));
    }

    @Test
    void aGadgetInsideAnAllowedListIsRejectedWithoutBeingInstantiated() {
        assertRejectedUnread(new SerializationCodec(), new ArrayList<>(List.of(1L, new Gadget("in a list"))));
    }

    @Test
    void aGadgetInsideAnAllowedMapOrArrayIsRejectedWithoutBeingInstantiated() {
        HashMap<String, Object> map = new HashMap<>();
        map.put("key", new Gadget("map value"));
        HashMap<Object, String> keyed = new HashMap<>();
        keyed.put(new Gadget("map key"), "value");

        assertRejectedUnread(new SerializationCodec(), map);
        assertRejectedUnread(new SerializationCodec(), keyed);
        assertRejectedUnread(new SerializationCodec(), new Object[] {"a", new Gadget("in an array")});
        assertRejectedUnread(new SerializationCodec(), new Gadget[] {new Gadget("typed array")});
    }

    @Test
    void thePipelinesOwnPackagesDoNotAdmitANeighbouringPackage() {
        // what the engine gives a stage defined in this package; "io.minigun.gadge" is a prefix, not a parent
        SerializationCodec codec = new SerializationCodec().allowing(List.of("io.minigun.process", "io.minigun.gadge"));

        assertRejectedUnread(codec, new Gadget("neighbour"));
    }

    @Test
    void theStreamStaysInStepAfterARejectedItem() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        frame(new Gadget("first"), out);
        new SerializationCodec().write(42L, out);
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
        SerializationCodec codec = new SerializationCodec();

        assertThatThrownBy(() -> codec.read(in)).isInstanceOf(UnreadableItemException.class);
        assertThat(codec.read(in)).isEqualTo(42L);
        assertThat(Gadget.READS).hasValue(0);
    }

    private static void assertRejectedUnread(SerializationCodec codec, Object value) {
        assertThatThrownBy(() -> codec.read(framed(value)))
                .isInstanceOf(UnreadableItemException.class)
                .hasMessageContaining(Gadget.class.getName())
                .hasMessageContaining("\"io.minigun.gadget\"")
                .hasMessageContaining("new SerializationCodec(")
                .hasMessageContaining("ProcessOptions");
        assertThat(Gadget.READS).as("readObject of the rejected class ran").hasValue(0);
    }

    /** {@code value} as an attacker would put it on the pipe: plain Java serialization in the codec's framing. */
    private static DataInputStream framed(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        frame(value, new DataOutputStream(bytes));
        return new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
    }

    private static void frame(Object value, DataOutputStream out) throws IOException {
        ByteArrayOutputStream serialized = new ByteArrayOutputStream();
        try (ObjectOutputStream objects = new ObjectOutputStream(serialized)) {
            objects.writeObject(value);
        }
        out.writeByte(SERIALIZED);
        out.writeInt(serialized.size());
        out.write(serialized.toByteArray());
        out.flush();
    }
}
