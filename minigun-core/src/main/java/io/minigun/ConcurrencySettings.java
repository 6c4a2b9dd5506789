package io.minigun;

import org.jspecify.annotations.Nullable;

import java.time.Duration;

/**
 * A pipeline's concurrency defaults; {@code null} fields inherit from the enclosing pipeline, then from
 * {@link #DEFAULTS}.
 */
public record ConcurrencySettings(
        @Nullable Integer threads,
        @Nullable Integer processes,
        @Nullable Integer virtualThreads,
        @Nullable Integer retries,
        @Nullable Duration backoff,
        @Nullable Boolean inline,
        @Nullable Boolean forceInline) {

    /** The library defaults: 5 threads, 2 processes, 256 virtual threads, 0 retries, 100 ms backoff, inline on. */
    public static final ConcurrencySettings DEFAULTS =
            new ConcurrencySettings(5, 2, 256, 0, Duration.ofMillis(100), true, false);

    /** Nothing set. */
    public static ConcurrencySettings unset() {
        return new ConcurrencySettings(null, null, null, null, null, null, null);
    }

    /** These settings, with every unset field taken from {@code parent}. */
    public ConcurrencySettings inheritFrom(ConcurrencySettings parent) {
        return new ConcurrencySettings(
                threads != null ? threads : parent.threads,
                processes != null ? processes : parent.processes,
                virtualThreads != null ? virtualThreads : parent.virtualThreads,
                retries != null ? retries : parent.retries,
                backoff != null ? backoff : parent.backoff,
                inline != null ? inline : parent.inline,
                forceInline != null ? forceInline : parent.forceInline);
    }

    /** The threads of a THREAD context, or the default when unset. */
    public int threadsOrDefault() {
        return threads != null ? threads : DEFAULTS.threads;
    }

    /** The worker JVMs of a PROCESS context, or the default when unset. */
    public int processesOrDefault() {
        return processes != null ? processes : DEFAULTS.processes;
    }

    /** The concurrency of a VIRTUAL context, or the default when unset. */
    public int virtualThreadsOrDefault() {
        return virtualThreads != null ? virtualThreads : DEFAULTS.virtualThreads;
    }

    /** The retries of a failed item, or the default when unset. */
    public int retriesOrDefault() {
        return retries != null ? retries : DEFAULTS.retries;
    }

    /** The first retry's backoff (it doubles with each retry), or the default when unset. */
    public Duration backoffOrDefault() {
        return backoff != null ? backoff : DEFAULTS.backoff;
    }

    /** Whether stages may be fused with their upstream, or the default when unset. */
    public boolean inlineOrDefault() {
        return inline != null ? inline : DEFAULTS.inline;
    }

    /** Whether every stage runs on the caller's thread, or the default when unset. */
    public boolean forceInlineOrDefault() {
        return forceInline != null ? forceInline : DEFAULTS.forceInline;
    }
}
