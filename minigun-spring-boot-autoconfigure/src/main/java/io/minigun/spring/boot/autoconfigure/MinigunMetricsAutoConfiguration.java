package io.minigun.spring.boot.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.minigun.execution.PipelineExecutor;
import io.minigun.metrics.MinigunMeterBinder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer metrics for Minigun: a {@link MinigunMeterBinder} (a {@link MeterBinder}, bound by Boot to every
 * registry) that registers each pipeline's meters as soon as the pipeline is registered at startup. Needs
 * Micrometer on the class path and a {@link MeterRegistry} bean; {@code management.metrics.enable.minigun=false}
 * switches the meters off.
 */
@AutoConfiguration(after = MinigunAutoConfiguration.class,
        afterName = {"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
                "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
                "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnClass({MeterRegistry.class, MinigunMeterBinder.class})
@ConditionalOnBooleanProperty(name = "minigun.enabled", matchIfMissing = true)
@ConditionalOnBean({PipelineExecutor.class, MeterRegistry.class})
public final class MinigunMetricsAutoConfiguration {

    /** The meter binder; it listens to the executor's runs. */
    @Bean
    @ConditionalOnMissingBean
    MinigunMeterBinder minigunMeterBinder(PipelineExecutor executor) {
        return MinigunMeterBinder.forExecutor(executor);
    }

    /** Registers every pipeline's meters when the pipelines are registered, before any run. */
    @Bean
    @ConditionalOnMissingBean(name = "minigunMeterRegistration")
    PipelineRegistrationListener minigunMeterRegistration(MinigunMeterBinder binder) {
        return binder::registerMetricsFor;
    }
}
