package io.minigun.spring.boot.discovery.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * An application whose pipelines are declared three ways: a class annotated only {@code @MinigunPipeline}
 * ({@link OrdersPipeline}, joined by the standalone stage class {@link DiscountStage}), a {@code @Component}
 * ({@link ComponentPipeline}) and a {@code @Bean} ({@link DeclaredPipelineConfiguration}).
 */
@SpringBootApplication
public class DiscoveryApplication {
}
