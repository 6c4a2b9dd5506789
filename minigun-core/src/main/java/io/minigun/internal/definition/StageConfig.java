package io.minigun.internal.definition;

import io.minigun.Affinity;
import io.minigun.ContextType;
import io.minigun.DeadLetterHandler;
import io.minigun.ErrorPolicy;
import io.minigun.Routing;
import io.minigun.remote.RemoteTransport;

import java.time.Duration;
import java.util.List;

/**
 * The options a stage declared, exactly as given; {@code null} means "not set, inherit". Checked by
 * {@link DefinitionValidator}.
 */
public record StageConfig(
        List<String> to,
        List<String> from,
        Routing routing,
        ContextType concurrency,
        Integer threads,
        Integer poolSize,
        String context,
        Affinity affinity,
        Integer queueSize,
        boolean unbounded,
        Integer retries,
        Duration backoff,
        ErrorPolicy onError,
        DeadLetterHandler deadLetter,
        Boolean await,
        Integer maxSize,
        Duration maxWait,
        RemoteTransport transport) {

    public StageConfig {
        to = List.copyOf(to);
        from = List.copyOf(from);
    }

    /** No options at all. */
    public static StageConfig empty() {
        return new StageConfig(List.of(), List.of(), null, null, null, null, null, null, null, false, null, null,
                null, null, null, null, null, null);
    }

    /** Whether the stage asked for anything about where it runs (which rules out colocation). */
    public boolean declaresPlacement() {
        return concurrency != null || threads != null || poolSize != null || context != null || affinity != null;
    }

    /** Whether the stage runs remotely, through a {@link RemoteTransport}. */
    public boolean isRemote() {
        return transport != null;
    }

    public boolean isAwait() {
        return Boolean.TRUE.equals(await);
    }

    public Routing routingOrDefault() {
        return routing == null ? Routing.BROADCAST : routing;
    }

    /** This config with its outgoing edges replaced (used by {@code reroute}). */
    public StageConfig withTo(List<String> newTo) {
        return new StageConfig(newTo, from, routing, concurrency, threads, poolSize, context, affinity, queueSize,
                unbounded, retries, backoff, onError, deadLetter, await, maxSize, maxWait, transport);
    }

    /** This config with its incoming edges replaced (used by {@code reroute}). */
    public StageConfig withFrom(List<String> newFrom) {
        return new StageConfig(to, newFrom, routing, concurrency, threads, poolSize, context, affinity, queueSize,
                unbounded, retries, backoff, onError, deadLetter, await, maxSize, maxWait, transport);
    }

    /** The worker count the stage asked for, from {@code poolSize} or {@code threads}. */
    public Integer requestedWorkers() {
        return poolSize != null ? poolSize : threads;
    }

    /** The error policy, or the given default. */
    public ErrorPolicy onErrorOr(ErrorPolicy fallback) {
        return onError == null ? fallback : onError;
    }
}
