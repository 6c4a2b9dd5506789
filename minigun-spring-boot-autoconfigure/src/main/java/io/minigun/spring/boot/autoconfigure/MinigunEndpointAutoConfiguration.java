package io.minigun.spring.boot.autoconfigure;

import io.minigun.execution.PipelineExecutor;
import io.minigun.spring.boot.actuate.endpoint.MinigunEndpoint;
import io.minigun.spring.boot.actuate.endpoint.MinigunLiveViewExtension;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.EndpointAccessResolver;
import org.springframework.boot.actuate.endpoint.EndpointId;
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
 * Writes (start, cancel) follow {@code management.endpoint.minigun.access}. With it comes the live view, a page at the
 * endpoint's URL for browsers ({@link MinigunLiveViewExtension}), whose Start and Cancel buttons follow that access too.
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

    /** The live view page, with Start and Cancel when the endpoint's access is unrestricted. */
    @Bean
    @ConditionalOnMissingBean
    MinigunLiveViewExtension minigunLiveViewExtension(ObjectProvider<EndpointAccessResolver> accessResolver) {
        EndpointAccessResolver resolver = accessResolver.getIfAvailable();
        Access access = resolver == null ? Access.UNRESTRICTED
                : resolver.accessFor(EndpointId.of("minigun"), Access.UNRESTRICTED);
        return new MinigunLiveViewExtension(access == Access.UNRESTRICTED);
    }
}
