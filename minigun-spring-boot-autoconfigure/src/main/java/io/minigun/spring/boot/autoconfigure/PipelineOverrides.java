package io.minigun.spring.boot.autoconfigure;

import io.minigun.definition.ConcurrencySettings;
import io.minigun.definition.PipelineDefinition;
import io.minigun.definition.StageConfig;
import io.minigun.definition.StageDefinition;
import io.minigun.definition.StageKind;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Applies {@code minigun.pipelines.<name>.*} to a declared pipeline: the properties win over the annotations. The
 * definition records are rebuilt (they are immutable); a stage name that matches nothing, a size below 1, or a
 * context that is not defined fails with an {@link InvalidConfigurationPropertyValueException} naming the key.
 */
final class PipelineOverrides {

    private PipelineOverrides() {
    }

    /**
     * The definition with the overrides applied; the definition itself when there are none.
     *
     * @param contexts the names of the executor's named contexts ({@code minigun.contexts.*}), which every pipeline
     *                 sees besides its own
     */
    static PipelineDefinition apply(PipelineDefinition definition, MinigunProperties.@Nullable PipelineProperties properties,
                                    Set<String> contexts) {
        if (properties == null) {
            return definition;
        }
        String prefix = "minigun.pipelines." + definition.name();
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
        ConcurrencySettings declared = definition.concurrency();
        ConcurrencySettings concurrency = new ConcurrencySettings(
                or(c.getThreads(), declared.threads()),
                or(c.getProcesses(), declared.processes()),
                or(c.getVirtualThreads(), declared.virtualThreads()),
                or(c.getRetries(), declared.retries()),
                or(c.getBackoff(), declared.backoff()),
                or(c.getInline(), declared.inline()),
                or(c.getForceInline(), declared.forceInline()));

        Map<String, MinigunProperties.StageProperties> remaining = new LinkedHashMap<>(properties.getStages());
        List<StageDefinition> stages = overrideStages(definition, "", remaining, prefix, contexts);
        if (!remaining.isEmpty()) {
            String stage = remaining.keySet().iterator().next();
            throw new InvalidConfigurationPropertyValueException(prefix + ".stages." + stage, stage,
                    "Pipeline '" + definition.name() + "' has no stage named '" + stage + "'; its stages are "
                            + stageNames(definition, ""));
        }
        return new PipelineDefinition(definition.name(), stages, concurrency,
                or(properties.getQueueSize(), definition.queueSize()), definition.errorPolicy(),
                definition.contexts(), definition.hooks(), definition.reroutes());
    }

    /** The stages with their overrides applied (removed from {@code remaining}), nested pipelines included. */
    private static List<StageDefinition> overrideStages(PipelineDefinition definition, String path,
                                                        Map<String, MinigunProperties.StageProperties> remaining,
                                                        String prefix, Set<String> inherited) {
        Set<String> contexts = new TreeSet<>(inherited);
        contexts.addAll(definition.contexts().keySet());
        List<StageDefinition> result = new ArrayList<>();
        for (StageDefinition stage : definition.stages()) {
            String key = path + stage.name();
            StageDefinition updated = stage;
            MinigunProperties.StageProperties override = remaining.remove(key);
            if (override != null) {
                updated = updated.withConfig(override(stage, override, prefix + ".stages." + key, contexts));
            }
            if (stage.kind() == StageKind.PIPELINE) {
                PipelineDefinition nested = updated.nested();
                List<StageDefinition> nestedStages = overrideStages(nested, key + "/", remaining, prefix, contexts);
                PipelineDefinition rebuilt = new PipelineDefinition(nested.name(), nestedStages, nested.concurrency(),
                        nested.queueSize(), nested.errorPolicy(), nested.contexts(), nested.hooks(), nested.reroutes());
                updated = new StageDefinition(updated.name(), updated.kind(), rebuilt, updated.userCode(),
                        updated.emits(), updated.config(), updated.inputType(), updated.outputType());
            }
            result.add(updated);
        }
        return result;
    }

    private static StageConfig override(StageDefinition stage, MinigunProperties.StageProperties p, String key,
                                        Set<String> contexts) {
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
                    + "' (known contexts: " + contexts + "); define it with minigun.contexts." + name + ".type "
                    + "(THREAD, VIRTUAL, INLINE or PROCESS) and minigun.contexts." + name + ".size, or name a known one");
        }
        StageConfig c = stage.config();
        return new StageConfig(c.to(), c.from(), c.routing(),
                or(p.getConcurrency(), c.concurrency()),
                or(p.getThreads(), c.threads()),
                or(p.getPoolSize(), c.poolSize()),
                or(p.getContext(), c.context()),
                or(p.getAffinity(), c.affinity()),
                or(p.getQueueSize(), c.queueSize()),
                p.getQueueSize() == null && c.unbounded(),
                or(p.getRetries(), c.retries()),
                c.backoff(), c.onError(), c.deadLetter(), c.await(), c.maxSize(), c.maxWait());
    }

    private static List<String> stageNames(PipelineDefinition definition, String path) {
        List<String> names = new ArrayList<>();
        for (StageDefinition stage : definition.stages()) {
            names.add(path + stage.name());
            if (stage.kind() == StageKind.PIPELINE) {
                names.addAll(stageNames(stage.nested(), path + stage.name() + "/"));
            }
        }
        return names;
    }

    private static <T> @Nullable T or(@Nullable T override, @Nullable T declared) {
        return override != null ? override : declared;
    }
}
