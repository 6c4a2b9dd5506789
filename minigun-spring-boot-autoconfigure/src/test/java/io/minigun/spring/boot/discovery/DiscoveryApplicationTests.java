package io.minigun.spring.boot.discovery;

import io.minigun.execution.PipelineExecutor;
import io.minigun.spring.boot.discovery.app.ComponentPipeline;
import io.minigun.spring.boot.discovery.app.DeclaredPipeline;
import io.minigun.spring.boot.discovery.app.DiscountStage;
import io.minigun.spring.boot.discovery.app.DiscoveryApplication;
import io.minigun.spring.boot.discovery.app.OrdersPipeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** A whole {@code @SpringBootApplication} started as {@code SpringApplication.run} does, with all three kinds. */
@Timeout(120)
class DiscoveryApplicationTests {

    @Test
    void pipelinesWithoutComponentAsComponentsAndAsBeansAreEachRegisteredOnceAndRun() {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(DiscoveryApplication.class)
                .web(WebApplicationType.NONE).properties("minigun.progress.interval=0").run()) {
            PipelineExecutor executor = context.getBean(PipelineExecutor.class);
            assertThat(executor.pipelineNames()).containsExactlyInAnyOrder("orders", "components", "declared");
            assertThat(context.getBeanNamesForType(OrdersPipeline.class)).containsExactly("ordersPipeline");
            assertThat(context.getBeanNamesForType(DiscountStage.class)).containsExactly("discountStage");
            assertThat(context.getBeanNamesForType(ComponentPipeline.class)).containsExactly("componentPipeline");
            assertThat(context.getBeanNamesForType(DeclaredPipeline.class)).containsExactly("declared");

            OrdersRun.runsExactly(context);
        }
    }
}
