package io.minigun.spring.boot.autoconfigure;

import io.minigun.ContextType;
import io.minigun.ErrorPolicy;
import io.minigun.ConcurrencySettings;
import io.minigun.NamedContext;
import io.minigun.PipelineSettings;
import io.minigun.process.ProcessOptions;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns {@link MinigunProperties} into the executor's {@link PipelineSettings}: resolves the deprecated aliases
 * (the replacement wins when both are set, and each alias in use is warned about once), and rejects invalid values
 * with an {@link InvalidConfigurationPropertyValueException} that names the key.
 */
final class MinigunSettings {
    private static final Log log = LogFactory.getLog(MinigunSettings.class);

    private MinigunSettings() {
    }

    /** The executor defaults the properties describe. */
    @SuppressWarnings("deprecation")
    static PipelineSettings from(MinigunProperties properties) {
        MinigunProperties.Concurrency c = properties.getConcurrency();
        int threads = resolve("minigun.max-threads", properties.getMaxThreads(), "minigun.concurrency.threads",
                c.getThreads(), c.threadsExplicit(), 1);
        int processes = resolve("minigun.max-processes", properties.getMaxProcesses(),
                "minigun.concurrency.processes", c.getProcesses(), c.processesExplicit(), 1);
        int retries = resolve("minigun.max-retries", properties.getMaxRetries(), "minigun.concurrency.retries",
                c.getRetries(), c.retriesExplicit(), 0);
        atLeast("minigun.concurrency.virtual-threads", c.getVirtualThreads(), 1);
        notNegative("minigun.concurrency.backoff", c.getBackoff());
        atLeast("minigun.queue-size", properties.getQueueSize(), 1);
        ConcurrencySettings concurrency = new ConcurrencySettings(threads, processes, c.getVirtualThreads(), retries,
                c.getBackoff(), c.isInline(), c.isForceInline());

        Map<String, NamedContext> contexts = new LinkedHashMap<>();
        properties.getContexts().forEach((name, context) -> {
            String key = "minigun.contexts." + name;
            ContextType type = context.getType();
            if (type == null || type == ContextType.AUTO) {
                throw new InvalidConfigurationPropertyValueException(key + ".type", type,
                        "A named context needs a concrete type: THREAD, VIRTUAL, INLINE or PROCESS");
            }
            Integer size = context.getSize();
            int resolved = size != null ? size : switch (type) {
                case VIRTUAL -> c.getVirtualThreads();
                case PROCESS -> processes;
                default -> threads;
            };
            atLeast(key + ".size", resolved, 1);
            contexts.put(name, new NamedContext(name, type, resolved));
        });
        notNegative("minigun.progress.interval", properties.getProgress().getInterval());
        for (int i = 0; i < properties.getRunOnStartup().size(); i++) {
            String name = properties.getRunOnStartup().get(i);
            if (name == null || name.isBlank()) {
                throw new InvalidConfigurationPropertyValueException("minigun.run-on-startup[" + i + "]", name,
                        "A pipeline name must not be blank");
            }
        }
        return new PipelineSettings(concurrency, properties.getQueueSize(), ErrorPolicy.CONTINUE, contexts,
                processOptions(properties.getProcess()));
    }

    /** How PROCESS stages start and keep their worker JVMs ({@code minigun.process.*}). */
    private static ProcessOptions processOptions(MinigunProperties.Process process) {
        Duration keepAlive = process.getKeepAlive() == null ? Duration.ZERO : process.getKeepAlive();
        notNegative("minigun.process.keep-alive", keepAlive);
        return ProcessOptions.defaults().withKeepAlive(keepAlive);
    }

    /**
     * The value of a setting that has a deprecated alias: the replacement when it was set explicitly or the alias
     * was not, else the alias. Warns once (this runs once per executor) for every alias in use.
     */
    private static int resolve(String alias, @Nullable Integer aliasValue, String replacement, int replacementValue,
                               boolean replacementSet, int minimum) {
        if (aliasValue == null) {
            atLeast(replacement, replacementValue, minimum);
            return replacementValue;
        }
        if (replacementSet) {
            log.warn("Property '" + alias + "' is deprecated: use '" + replacement + "'. Both are set, so "
                    + replacement + "=" + replacementValue + " wins over " + alias + "=" + aliasValue + ".");
            atLeast(replacement, replacementValue, minimum);
            return replacementValue;
        }
        log.warn("Property '" + alias + "' is deprecated: use '" + replacement + "' instead.");
        atLeast(alias, aliasValue, minimum);
        return aliasValue;
    }

    static void atLeast(String key, @Nullable Integer value, int minimum) {
        if (value != null && value < minimum) {
            throw new InvalidConfigurationPropertyValueException(key, value, "Must be at least " + minimum);
        }
    }

    private static void notNegative(String key, @Nullable Duration value) {
        if (value != null && value.isNegative()) {
            throw new InvalidConfigurationPropertyValueException(key, value, "Must not be negative");
        }
    }
}
