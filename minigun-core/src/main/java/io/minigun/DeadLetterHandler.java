package io.minigun;

/** Receives every item that failed after its retries, for example to store it for later inspection. */
@FunctionalInterface
public interface DeadLetterHandler {
    /**
     * Receives one failed item with its exception and attempts. What it throws is logged and changes nothing: the
     * item has already failed.
     */
    void handle(ItemFailure failure) throws Exception;
}
