package io.minigun;


import io.minigun.process.ProcessOptions;

import java.util.Map;

/**
 * The effective settings of one pipeline in the tree: its own declarations over its parent's, over the executor's
 * defaults. Every field is set.
 */
public record PipelineSettings(
        ConcurrencySettings concurrency,
        int queueSize,
        ErrorPolicy errorPolicy,
        Map<String, NamedContext> contexts,
        ProcessOptions process) {

    /** The default input queue capacity. */
    public static final int DEFAULT_QUEUE_SIZE = 1000;

    public PipelineSettings {
        contexts = Map.copyOf(contexts);
        java.util.Objects.requireNonNull(process, "process");
    }

    /** Settings with the default process options. */
    public PipelineSettings(ConcurrencySettings concurrency, int queueSize, ErrorPolicy errorPolicy,
                            Map<String, NamedContext> contexts) {
        this(concurrency, queueSize, errorPolicy, contexts, ProcessOptions.defaults());
    }

    /** The library defaults. */
    public static PipelineSettings defaults() {
        return new PipelineSettings(ConcurrencySettings.DEFAULTS, DEFAULT_QUEUE_SIZE, ErrorPolicy.CONTINUE, Map.of());
    }
}
