package io.minigun.process;

import org.jspecify.annotations.Nullable;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The default codec: compact tags for common values ({@code null}, {@code Long}, {@code Integer}, {@code String},
 * {@code Double}, {@code Boolean}, {@code byte[]}), Java serialization for everything else, and on reading an
 * {@link ObjectInputFilter} that admits only an allow-list: JDK value and collection types plus the packages given
 * with their subpackages (the pipeline's own packages are added by the engine). Nothing outside the list is ever
 * instantiated; JDK packages are admitted exactly, so {@code java.lang.invoke} and {@code java.lang.reflect} are not.
 */
public final class SerializationCodec implements Codec {
    private static final long serialVersionUID = 1L;

    private static final byte NULL = 0;
    private static final byte LONG = 1;
    private static final byte INT = 2;
    private static final byte STRING = 3;
    private static final byte DOUBLE = 4;
    private static final byte BOOLEAN = 5;
    private static final byte BYTES = 6;
    private static final byte SERIALIZED = 7;

    /** Packages whose classes any pipeline may exchange. */
    public static final List<String> JDK_PACKAGES = List.of("java.lang", "java.util", "java.time", "java.math",
            "java.net", "java.util.concurrent", "java.util.concurrent.atomic");

    private final TreeSet<String> packages;

    /** A codec that admits the JDK value and collection types only. */
    public SerializationCodec() {
        this(List.of());
    }

    /** A codec that also admits classes of these packages (and their subpackages). */
    public SerializationCodec(List<String> allowedPackages) {
        this.packages = new TreeSet<>(JDK_PACKAGES);
        this.packages.addAll(allowedPackages);
    }

    /** This codec, admitting these packages too. */
    public SerializationCodec allowing(List<String> morePackages) {
        List<String> all = new ArrayList<>(packages);
        all.addAll(morePackages);
        return new SerializationCodec(all);
    }

    /** The admitted packages. */
    public Set<String> allowedPackages() {
        return java.util.Collections.unmodifiableSet(packages);
    }

    /** Whether {@code item} is one of the compact values, whose encoding cannot fail once it has started. */
    public boolean writesWhole(@Nullable Object item) {
        return item == null || item instanceof Long || item instanceof Integer || item instanceof Double
                || item instanceof Boolean || item instanceof String || item instanceof byte[];
    }

    @Override
    public void write(@Nullable Object item, DataOutput out) throws IOException {
        if (item == null) {
            out.writeByte(NULL);
        } else if (item instanceof Long value) {
            out.writeByte(LONG);
            out.writeLong(value);
        } else if (item instanceof Integer value) {
            out.writeByte(INT);
            out.writeInt(value);
        } else if (item instanceof String value) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            out.writeByte(STRING);
            out.writeInt(bytes.length);
            out.write(bytes);
        } else if (item instanceof Double value) {
            out.writeByte(DOUBLE);
            out.writeDouble(value);
        } else if (item instanceof Boolean value) {
            out.writeByte(BOOLEAN);
            out.writeBoolean(value);
        } else if (item instanceof byte[] value) {
            out.writeByte(BYTES);
            out.writeInt(value.length);
            out.write(value);
        } else {
            byte[] bytes = serialize(item);
            out.writeByte(SERIALIZED);
            out.writeInt(bytes.length);
            out.write(bytes);
        }
    }

    @Override
    public @Nullable Object read(DataInput in) throws IOException {
        byte tag = in.readByte();
        switch (tag) {
            case NULL:
                return null;
            case LONG:
                return in.readLong();
            case INT:
                return in.readInt();
            case STRING: {
                byte[] bytes = new byte[in.readInt()];
                in.readFully(bytes);
                return new String(bytes, StandardCharsets.UTF_8);
            }
            case DOUBLE:
                return in.readDouble();
            case BOOLEAN:
                return in.readBoolean();
            case BYTES: {
                byte[] bytes = new byte[in.readInt()];
                in.readFully(bytes);
                return bytes;
            }
            case SERIALIZED: {
                byte[] bytes = new byte[in.readInt()];
                in.readFully(bytes);
                return deserialize(bytes);
            }
            default:
                throw new IOException("corrupt item stream: unknown tag " + tag);
        }
    }

    private static byte[] serialize(Object item) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(item);
        } catch (NotSerializableException e) {
            throw new NotSerializableException(e.getMessage() + " (in an item of type " + item.getClass().getName()
                    + "): make it Serializable, or emit a serializable value instead");
        }
        return bytes.toByteArray();
    }

    private Object deserialize(byte[] bytes) throws IOException {
        Class<?>[] rejected = new Class<?>[1];
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(info -> {
                ObjectInputFilter.Status status = check(info.serialClass());
                if (status == ObjectInputFilter.Status.REJECTED && rejected[0] == null) {
                    rejected[0] = info.serialClass();
                }
                return status;
            });
            return in.readObject();
        } catch (ClassNotFoundException e) {
            throw new UnreadableItemException("item class not found: " + e.getMessage(), e);
        } catch (InvalidClassException e) {
            if (rejected[0] != null) {
                throw new UnreadableItemException(rejectedMessage(rejected[0]), e);
            }
            throw new UnreadableItemException("cannot read an item: " + e, e);
        } catch (IOException e) {
            throw new UnreadableItemException("cannot read an item: " + e, e);
        }
    }

    /** Names the refused class, what is admitted, and how to admit it. */
    private String rejectedMessage(Class<?> type) {
        Class<?> element = type;
        while (element.isArray()) {
            element = element.getComponentType();
        }
        String pkg = element.getPackageName();
        List<String> userPackages = new ArrayList<>();
        for (String allowedPackage : packages) {
            if (!JDK_PACKAGES.contains(allowedPackage)) {
                userPackages.add(allowedPackage);
            }
        }
        return "class " + element.getName() + " may not cross to or from a worker: the codec admits only JDK value and "
                + "collection types (" + String.join(", ", JDK_PACKAGES) + ")"
                + (userPackages.isEmpty() ? "" : " and the packages " + userPackages) + ", and never instantiates "
                + "another class; to allow it, add its package \"" + pkg + "\" to the codec, e.g. "
                + "pipelineBuilder.process(ProcessOptions.defaults().withCodec(new SerializationCodec(List.of(\"" + pkg
                + "\")))), or emit an allowed type instead";
    }

    private ObjectInputFilter.Status check(Class<?> serialClass) {
        if (serialClass == null) {
            return ObjectInputFilter.Status.UNDECIDED;
        }
        Class<?> type = serialClass;
        while (type.isArray()) {
            type = type.getComponentType();
        }
        if (type.isPrimitive() || allowed(type.getPackageName())) {
            return ObjectInputFilter.Status.ALLOWED;
        }
        return ObjectInputFilter.Status.REJECTED;
    }

    /** JDK packages are admitted exactly (not {@code java.lang.invoke}); user packages with their subpackages. */
    private boolean allowed(String packageName) {
        if (JDK_PACKAGES.contains(packageName)) {
            return true;
        }
        for (String allowed : packages) {
            if (!JDK_PACKAGES.contains(allowed)
                    && (packageName.equals(allowed) || packageName.startsWith(allowed + "."))) {
                return true;
            }
        }
        return false;
    }
}
