package io.minigun.spring.boot.discovery.app;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Declares {@link DeclaredPipeline} as a bean named "declared". */
@Configuration(proxyBeanMethods = false)
public class DeclaredPipelineConfiguration {

    @Bean
    DeclaredPipeline declared() {
        return new DeclaredPipeline();
    }
}
