package io.minigun;

/** Where a stage's items run. The execution plan resolves {@link #AUTO} to a concrete choice. */
public enum ContextType {
    /** Let the plan decide: colocated with the upstream when possible, else one dedicated thread. */
    AUTO,
    /** Synchronously in the thread that emits to the stage. */
    INLINE,
    /** On a pool of platform threads ({@code threads}/{@code poolSize}, default {@code concurrency.threads}). */
    THREAD,
    /** One virtual thread per item, at most N at once (JDK 21+). */
    VIRTUAL,
    /** In worker JVM processes ({@code poolSize}, default {@code concurrency.processes}). */
    PROCESS
}
