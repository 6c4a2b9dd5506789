package io.minigun.spring.boot.autoconfigure;

import io.minigun.execution.PipelineExecutor;
import io.minigun.spring.boot.actuate.endpoint.MinigunEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code minigun} actuator endpoint, when the actuator is on the class path and the endpoint is available
 * (exposed, for example with {@code management.endpoints.web.exposure.include=minigun}, and not switched off).
 * Writes (start, cancel) follow {@code management.endpoint.minigun.access}.
 */
@AutoConfiguration(after = MinigunAutoConfiguration.class)
@ConditionalOnClass({Endpoint.class, ConditionalOnAvailableEndpoint.class})
@ConditionalOnBooleanProperty(name = "minigun.enabled", matchIfMissing = true)
@ConditionalOnBean(PipelineExecutor.class)
@ConditionalOnAvailableEndpoint(MinigunEndpoint.class)
public final class MinigunEndpointAutoConfiguration {

    /** The endpoint. */
    @Bean
    @ConditionalOnMissingBean
    MinigunEndpoint minigunEndpoint(PipelineExecutor executor) {
        return new MinigunEndpoint(executor);
    }
}
