package io.minigun.spring.boot.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minigun.RunStatus;
import io.minigun.execution.PipelineExecutor;
import io.minigun.metrics.MinigunMeterBinder;
import io.minigun.spring.boot.autoconfigure.TestPipelines.NumbersConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class MinigunMetricsAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withBean(SimpleMeterRegistry.class)
            .withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class, MinigunAutoConfiguration.class,
                    MinigunMetricsAutoConfiguration.class))
            .withPropertyValues("management.metrics.use-global-registry=false");

    @Test
    void everyStageMeterExistsFromStartupBeforeTheFirstRun() {
        runner.withUserConfiguration(NumbersConfiguration.class).run(context -> {
            assertThat(context).hasSingleBean(MinigunMeterBinder.class);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            for (String stage : new String[] {"generate", "doubled", "collect", "audit"}) {
                for (String outcome : new String[] {"success", "failure", "retry"}) {
                    assertThat(registry.get("minigun.stage.items").tags("pipeline", "numbers", "stage", stage,
                            "outcome", outcome).functionCounter().count()).isZero();
                    assertThat(registry.get("minigun.stage.duration").tags("pipeline", "numbers", "stage", stage,
                            "outcome", outcome).functionTimer().count()).isZero();
                }
                assertThat(registry.get("minigun.stage.queue.size").tags("pipeline", "numbers", "stage", stage)
                        .gauge().value()).isZero();
                assertThat(registry.get("minigun.stage.workers.active").tags("pipeline", "numbers", "stage", stage)
                        .gauge().value()).isZero();
            }
            assertThat(registry.get("minigun.pipeline.runs").tags("pipeline", "numbers", "status", "completed")
                    .functionTimer().count()).isZero();
            assertThat(registry.get("minigun.pipeline.active").tag("pipeline", "numbers").gauge().value()).isZero();
        });
    }

    @Test
    void metersCountWhatRunsDidWithoutNewMetersPerItem() {
        runner.withUserConfiguration(NumbersConfiguration.class).run(context -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            int meters = registry.getMeters().size();

            assertThat(context.getBean(PipelineExecutor.class).run("numbers").status()).isEqualTo(RunStatus.COMPLETED);
            context.getBean(PipelineExecutor.class).run("numbers");

            assertThat(registry.getMeters()).hasSize(meters);
            assertThat(registry.get("minigun.stage.items").tags("pipeline", "numbers", "stage", "doubled",
                    "outcome", "success").functionCounter().count()).isEqualTo(20);
            assertThat(registry.get("minigun.stage.items").tags("pipeline", "numbers", "stage", "generate",
                    "outcome", "success").functionCounter().count()).isEqualTo(20);
            assertThat(registry.get("minigun.pipeline.runs").tags("pipeline", "numbers", "status", "completed")
                    .functionTimer().count()).isEqualTo(2);
        });
    }

    @Test
    void backsOffWithoutMicrometer() {
        runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
                .withUserConfiguration(NumbersConfiguration.class)
                .run(context -> assertThat(context).hasNotFailed()
                        .hasSingleBean(PipelineExecutor.class)
                        .doesNotHaveBean(MinigunMeterBinder.class));
    }

    @Test
    void backsOffWithoutAMeterRegistry() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(MinigunAutoConfiguration.class,
                        MinigunMetricsAutoConfiguration.class))
                .run(context -> assertThat(context).hasSingleBean(PipelineExecutor.class)
                        .doesNotHaveBean(MinigunMeterBinder.class));
    }

    @Test
    void backsOffWhenMinigunIsDisabledEvenWithAUserExecutor() {
        runner.withPropertyValues("minigun.enabled=false")
                .withBean("userExecutor", PipelineExecutor.class)
                .run(context -> assertThat(context).doesNotHaveBean(MinigunMeterBinder.class)
                        .doesNotHaveBean(PipelineRegistrationListener.class));
    }

    @Test
    void backsOffForAUserBinder() {
        runner.withUserConfiguration(UserBinderConfiguration.class)
                .run(context -> assertThat(context).hasSingleBean(MinigunMeterBinder.class)
                        .hasBean("userBinder"));
    }

    @Configuration(proxyBeanMethods = false)
    static class UserBinderConfiguration {
        @Bean
        MinigunMeterBinder userBinder(PipelineExecutor executor) {
            return MinigunMeterBinder.forExecutor(executor);
        }
    }
}
