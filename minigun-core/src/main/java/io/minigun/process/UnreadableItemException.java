package io.minigun.process;

import org.jspecify.annotations.Nullable;

import java.io.IOException;

/**
 * A codec read an item's bytes but cannot turn them into an object (a class outside the allow-list, a class that
 * does not load), or turned them into {@code null}. The stream is still in step: only that item fails.
 */
public class UnreadableItemException extends IOException {
    private static final long serialVersionUID = 1L;

    public UnreadableItemException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
