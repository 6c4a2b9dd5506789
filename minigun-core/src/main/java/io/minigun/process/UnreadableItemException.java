package io.minigun.process;

import java.io.IOException;

/**
 * A codec read an item's bytes but cannot turn them into an object (a class outside the allow-list, a class that
 * does not load). The stream is still in step: only that item fails.
 */
public class UnreadableItemException extends IOException {
    private static final long serialVersionUID = 1L;

    public UnreadableItemException(String message, Throwable cause) {
        super(message, cause);
    }
}
