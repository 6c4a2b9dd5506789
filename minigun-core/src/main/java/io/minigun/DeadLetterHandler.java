package io.minigun;

/** Receives every item that failed after its retries, for example to store it for later inspection. */
@FunctionalInterface
public interface DeadLetterHandler {
    void handle(ItemFailure failure) throws Exception;
}
