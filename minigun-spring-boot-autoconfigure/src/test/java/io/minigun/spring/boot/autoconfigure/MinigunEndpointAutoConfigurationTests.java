package io.minigun.spring.boot.autoconfigure;

import io.minigun.execution.PipelineExecutor;
import io.minigun.spring.boot.actuate.endpoint.MinigunEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class MinigunEndpointAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MinigunAutoConfiguration.class,
                    MinigunEndpointAutoConfiguration.class));

    @Test
    void endpointIsAbsentUnlessExposed() {
        runner.run(context -> assertThat(context).hasSingleBean(PipelineExecutor.class)
                .doesNotHaveBean(MinigunEndpoint.class));
    }

    @Test
    void endpointIsPresentWhenExposedOnTheWeb() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=minigun")
                .run(context -> assertThat(context).hasSingleBean(MinigunEndpoint.class));
    }

    @Test
    void endpointIsAbsentWhenExposedButSwitchedOff() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=minigun",
                        "management.endpoint.minigun.access=NONE")
                .run(context -> assertThat(context).doesNotHaveBean(MinigunEndpoint.class));
    }

    @Test
    void endpointIsAbsentWithoutTheActuator() {
        runner.withClassLoader(new FilteredClassLoader(Endpoint.class))
                .withPropertyValues("management.endpoints.web.exposure.include=minigun")
                .run(context -> assertThat(context).hasNotFailed()
                        .hasSingleBean(PipelineExecutor.class)
                        .doesNotHaveBean(MinigunEndpoint.class));
    }

    @Test
    void endpointIsAbsentWhenMinigunIsDisabledEvenWithAUserExecutor() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=minigun", "minigun.enabled=false")
                .withBean("userExecutor", PipelineExecutor.class)
                .run(context -> assertThat(context).doesNotHaveBean(MinigunEndpoint.class));
    }

    @Test
    void endpointBacksOffForAUserEndpoint() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=minigun")
                .withUserConfiguration(UserEndpointConfiguration.class)
                .run(context -> assertThat(context).hasSingleBean(MinigunEndpoint.class).hasBean("customEndpoint"));
    }

    @Configuration(proxyBeanMethods = false)
    static class UserEndpointConfiguration {
        @Bean
        MinigunEndpoint customEndpoint(PipelineExecutor executor) {
            return new MinigunEndpoint(executor);
        }
    }
}
