package io.minigun.process;

import org.jspecify.annotations.Nullable;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.Serializable;

/**
 * How items and results cross the pipe between the parent and a worker JVM. A codec is sent to its workers, so it
 * must itself be serializable.
 *
 * <p>Contract: {@link #write} either throws before writing anything, or writes the whole item; a codec that cannot
 * encode an item (a class it does not support or allow) throws an {@link IOException} that names the class, and only
 * that item fails.
 */
public interface Codec extends Serializable {

    /** Writes {@code item} whole, or throws before writing anything. */
    void write(@Nullable Object item, DataOutput out) throws IOException;

    /**
     * Reads back one item that {@link #write} wrote. Items are never {@code null}: a {@code null} returned here fails
     * that item as unreadable.
     */
    @Nullable Object read(DataInput in) throws IOException;
}
