package io.minigun.spring.boot.autoconfigure;

import io.minigun.PipelineSettings;
import io.minigun.execution.PipelineExecutor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;

/**
 * Auto-configuration for Minigun: the {@link PipelineExecutor} (with the {@code minigun.*} defaults), the scan of
 * the application's packages for {@code @MinigunPipeline} and standalone stage classes (no {@code @Component}
 * needed), the discovery and registration of the pipelines, run-on-startup, progress lines and graceful shutdown.
 * {@code minigun.enabled=false} turns all of it off: no Minigun bean, and no class registered by the scan (the
 * user's own {@code @Component} and {@code @Bean} pipelines stay beans). No bean here implements
 * {@link java.util.concurrent.Executor}: Boot's {@code applicationTaskExecutor} stays.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "minigun.enabled", matchIfMissing = true)
@EnableConfigurationProperties(MinigunProperties.class)
public final class MinigunAutoConfiguration {

    private static final Duration DEFAULT_SHUTDOWN_PHASE_TIMEOUT = Duration.ofSeconds(30);

    /**
     * The executor every discovered pipeline is registered with; it inherits the {@code minigun.*} defaults. No
     * destroy method: {@link MinigunLifecycle} cancels the runs within the shutdown phase timeout, whereas the
     * inferred {@link PipelineExecutor#close()} would wait up to 30 seconds more for a run that did not end.
     */
    @Bean(destroyMethod = "")
    @ConditionalOnMissingBean
    PipelineExecutor minigunPipelineExecutor(MinigunProperties properties, ConfigurableEnvironment environment) {
        return new PipelineExecutor(withWorkerJvmArguments(MinigunSettings.from(properties), properties, environment));
    }

    /**
     * The settings with the worker JVMs' arguments: {@code minigun.process.jvm-args}, after what makes a worker see
     * the parent's configuration (its {@code -D} system properties, command-line properties and active profiles).
     */
    private static PipelineSettings withWorkerJvmArguments(PipelineSettings settings, MinigunProperties properties,
                                                           ConfigurableEnvironment environment) {
        List<String> jvmArgs = WorkerJvmArguments.of(environment,
                ManagementFactory.getRuntimeMXBean().getInputArguments(), System::getProperty,
                properties.getProcess().getJvmArgs());
        return new PipelineSettings(settings.concurrency(), settings.queueSize(), settings.errorPolicy(),
                settings.contexts(), settings.process().withJvmArgs(jvmArgs));
    }

    /**
     * Registers the {@code @MinigunPipeline} and standalone stage classes of the application's packages as beans,
     * unless a bean definition already declares them. Static, as a registry post-processor must be.
     */
    @Bean
    @ConditionalOnMissingBean
    static PipelineScanPostProcessor minigunPipelineScanPostProcessor(Environment environment,
                                                                      ResourceLoader resourceLoader) {
        return new PipelineScanPostProcessor(environment, resourceLoader);
    }

    /** Discovers, builds, validates and registers the pipelines once every singleton exists. */
    @Bean
    @ConditionalOnMissingBean
    MinigunPipelineRegistrar minigunPipelineRegistrar(PipelineExecutor executor, MinigunProperties properties,
                                                      ObjectProvider<PipelineRegistrationListener> listeners,
                                                      ObjectProvider<RemoteStages> remoteStages) {
        return new MinigunPipelineRegistrar(executor, properties, listeners, remoteStages.getIfAvailable());
    }

    /** Progress lines while runs are active, and cancellation of active runs on shutdown. */
    @Bean
    @ConditionalOnMissingBean
    MinigunLifecycle minigunLifecycle(PipelineExecutor executor, MinigunProperties properties,
                                      Environment environment) {
        Duration timeout = Binder.get(environment)
                .bind("spring.lifecycle.timeout-per-shutdown-phase", Duration.class)
                .orElse(DEFAULT_SHUTDOWN_PHASE_TIMEOUT);
        return new MinigunLifecycle(executor, properties.getProgress().getInterval(), timeout);
    }

    /** Starts the PROCESS stages' worker JVMs once the application is ready, when asked to. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty(name = "minigun.process.start-workers-on-startup")
    MinigunWorkerStarter minigunWorkerStarter(PipelineExecutor executor) {
        return new MinigunWorkerStarter(executor);
    }

    /** Starts the {@code minigun.run-on-startup} pipelines once the application is ready. */
    @Bean
    @ConditionalOnMissingBean
    MinigunStartupRunner minigunStartupRunner(PipelineExecutor executor, MinigunProperties properties) {
        return new MinigunStartupRunner(executor, properties.getRunOnStartup());
    }
}
