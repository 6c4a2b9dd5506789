package io.minigun;

/** What a run does once an item has failed after its retries. */
public enum ErrorPolicy {
    /** Record the failure and go on with the other items (the default). */
    CONTINUE,
    /** Stop the run: producers stop, queues drain, and the run ends {@link RunStatus#FAILED}. */
    FAIL_FAST
}
