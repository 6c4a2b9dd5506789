package io.minigun.spring.boot.autoconfigure;

import io.minigun.Pipeline;
import io.minigun.PipelineBuilder;
import io.minigun.PipelineDefinitionException;
import io.minigun.StageSpec;
import io.minigun.remote.RemoteTransport;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

import java.util.Map;
import java.util.Set;

/**
 * Applies {@code minigun.pipelines.<name>.*} to a declared pipeline: the properties win over the annotations. The
 * overrides go through the core builder ({@link PipelineBuilder#concurrency}, {@link PipelineBuilder#queueSize},
 * {@link PipelineBuilder#configure}); a stage name that matches nothing, a size below 1, a context that is not
 * defined, or {@code transport: kafka} without the Kafka transport on the class path fails with an
 * {@link InvalidConfigurationPropertyValueException} naming the key.
 */
final class PipelineOverrides {

    private PipelineOverrides() {
    }

    /**
     * Applies the overrides to {@code builder}, which holds the declared pipeline {@code name}.
     *
     * @param contexts the names of the executor's named contexts ({@code minigun.contexts.*}); the pipeline's own
     *                 are checked by the core when it is built
     */
    static void apply(PipelineBuilder builder, String name, MinigunProperties.@Nullable PipelineProperties properties,
                      Set<String> contexts, @Nullable RemoteStages remoteStages) {
        if (properties == null) {
            return;
        }
        String prefix = "minigun.pipelines." + name;
        MinigunProperties.PipelineConcurrency c = properties.getConcurrency();
        MinigunSettings.atLeast(prefix + ".concurrency.threads", c.getThreads(), 1);
        MinigunSettings.atLeast(prefix + ".concurrency.processes", c.getProcesses(), 1);
        MinigunSettings.atLeast(prefix + ".concurrency.virtual-threads", c.getVirtualThreads(), 1);
        MinigunSettings.atLeast(prefix + ".concurrency.retries", c.getRetries(), 0);
        MinigunSettings.atLeast(prefix + ".queue-size", properties.getQueueSize(), 1);
        if (c.getBackoff() != null && c.getBackoff().isNegative()) {
            throw new InvalidConfigurationPropertyValueException(prefix + ".concurrency.backoff", c.getBackoff(),
                    "Must not be negative");
        }
        builder.concurrency(spec -> {
            setIfPresent(c.getThreads(), spec::threads);
            setIfPresent(c.getProcesses(), spec::processes);
            setIfPresent(c.getVirtualThreads(), spec::virtualThreads);
            setIfPresent(c.getRetries(), spec::retries);
            setIfPresent(c.getBackoff(), spec::backoff);
            setIfPresent(c.getInline(), spec::inline);
            setIfPresent(c.getForceInline(), spec::forceInline);
        });
        setIfPresent(properties.getQueueSize(), builder::queueSize);
        for (Map.Entry<String, MinigunProperties.StageProperties> stage : properties.getStages().entrySet()) {
            String key = prefix + ".stages." + stage.getKey();
            MinigunProperties.StageProperties override = stage.getValue();
            check(override, key, contexts);
            RemoteTransport transport = transport(name, stage.getKey(), override, key, remoteStages);
            try {
                builder.configure(stage.getKey(), spec -> {
                    override(spec, override);
                    setIfPresent(transport, spec::transport);
                });
            } catch (PipelineDefinitionException e) {
                throw new InvalidConfigurationPropertyValueException(key, stage.getKey(), e.getMessage());
            }
        }
    }

    /** The stage's transport when it runs over Kafka, else null. */
    private static @Nullable RemoteTransport transport(String pipeline, String stage,
                                                       MinigunProperties.StageProperties p, String key,
                                                       @Nullable RemoteStages remoteStages) {
        if (p.getTransport() != MinigunProperties.StageTransport.KAFKA) {
            return null;
        }
        if (remoteStages == null) {
            throw new InvalidConfigurationPropertyValueException(key + ".transport", "kafka", "Running a stage over "
                    + "Kafka needs io.minigun:minigun-kafka and org.springframework.boot:spring-boot-kafka on the "
                    + "class path (and spring.kafka.bootstrap-servers); add them, or remove " + key + ".transport");
        }
        MinigunSettings.atLeast(key + ".kafka.max-in-flight", p.getKafka().getMaxInFlight(), 1);
        MinigunSettings.atLeast(key + ".kafka.consumers", p.getKafka().getConsumers(), 1);
        try {
            return remoteStages.transport(pipeline, stage, p.getKafka());
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationPropertyValueException(key + ".kafka", stage, e.getMessage());
        }
    }

    /** Has this instance run its share of the pipeline's stages that run over Kafka. */
    static void serveRemoteStages(Pipeline pipeline, MinigunProperties.@Nullable PipelineProperties properties,
                                  @Nullable RemoteStages remoteStages) {
        if (properties == null || remoteStages == null) {
            return;
        }
        properties.getStages().forEach((stage, p) -> {
            if (p.getTransport() == MinigunProperties.StageTransport.KAFKA) {
                remoteStages.serve(pipeline, stage, p.getKafka());
            }
        });
    }

    private static void check(MinigunProperties.StageProperties p, String key, Set<String> contexts) {
        MinigunSettings.atLeast(key + ".threads", p.getThreads(), 1);
        MinigunSettings.atLeast(key + ".pool-size", p.getPoolSize(), 1);
        MinigunSettings.atLeast(key + ".queue-size", p.getQueueSize(), 1);
        MinigunSettings.atLeast(key + ".retries", p.getRetries(), 0);
        if (p.getContext() != null && p.getContext().isBlank()) {
            throw new InvalidConfigurationPropertyValueException(key + ".context", p.getContext(),
                    "A context name must not be blank");
        }
        if (p.getContext() != null && !contexts.contains(p.getContext())) {
            String name = p.getContext();
            throw new InvalidConfigurationPropertyValueException(key + ".context", name, "No context named '" + name
                    + "' (known contexts: " + new java.util.TreeSet<>(contexts) + "); define it with minigun.contexts."
                    + name + ".type (THREAD, VIRTUAL, INLINE or PROCESS) and minigun.contexts." + name
                    + ".size, or name a known one");
        }
    }

    private static void override(StageSpec spec, MinigunProperties.StageProperties p) {
        setIfPresent(p.getConcurrency(), spec::concurrency);
        setIfPresent(p.getThreads(), spec::threads);
        setIfPresent(p.getPoolSize(), spec::poolSize);
        setIfPresent(p.getContext(), spec::context);
        setIfPresent(p.getAffinity(), spec::affinity);
        setIfPresent(p.getQueueSize(), spec::queueSize);
        setIfPresent(p.getRetries(), spec::retries);
    }

    private static <T> void setIfPresent(@Nullable T value, java.util.function.Consumer<T> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }
}
