package io.minigun;


import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.Objects;

/** A pipeline's concurrency defaults, set through {@link ConcurrencyOptions}. Unset values are inherited. */
public final class ConcurrencySpec {
    private @Nullable Integer threads;
    private @Nullable Integer processes;
    private @Nullable Integer virtualThreads;
    private @Nullable Integer retries;
    private @Nullable Duration backoff;
    private @Nullable Boolean inline;
    private @Nullable Boolean forceInline;

    /** Default pool size of {@link ContextType#THREAD} stages (5). */
    public ConcurrencySpec threads(int threads) {
        this.threads = threads;
        return this;
    }

    /** Default number of worker JVMs of {@link ContextType#PROCESS} stages (2). */
    public ConcurrencySpec processes(int processes) {
        this.processes = processes;
        return this;
    }

    /** Default cap of concurrent virtual threads of {@link ContextType#VIRTUAL} stages (256). */
    public ConcurrencySpec virtualThreads(int virtualThreads) {
        this.virtualThreads = virtualThreads;
        return this;
    }

    /** Default number of retries of a failing item (0). */
    public ConcurrencySpec retries(int retries) {
        this.retries = retries;
        return this;
    }

    /** Default first retry delay (100 ms), doubled on each further retry. */
    public ConcurrencySpec backoff(Duration backoff) {
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        return this;
    }

    /** Whether the plan may fuse stages with their upstream (true). */
    public ConcurrencySpec inline(boolean inline) {
        this.inline = inline;
        return this;
    }

    /** Runs the whole pipeline on the caller's thread in a deterministic order: the mode for unit tests (false). */
    public ConcurrencySpec forceInline(boolean forceInline) {
        this.forceInline = forceInline;
        return this;
    }

    /** The settings as an immutable value. */
    public ConcurrencySettings toSettings() {
        return new ConcurrencySettings(threads, processes, virtualThreads, retries, backoff, inline, forceInline);
    }
}
