package io.minigun.spring.boot.discovery;

import io.minigun.RunStatus;
import io.minigun.execution.PipelineExecutor;
import io.minigun.spring.boot.autoconfigure.MinigunAutoConfiguration;
import io.minigun.spring.boot.autoconfigure.MinigunPipelineRegistrar;
import io.minigun.spring.boot.autoconfigure.MinigunPipelineRegistrar.DiscoveredPipeline;
import io.minigun.spring.boot.discovery.app.ComponentPipeline;
import io.minigun.spring.boot.discovery.app.DeclaredPipeline;
import io.minigun.spring.boot.discovery.app.DeclaredPipelineConfiguration;
import io.minigun.spring.boot.discovery.app.DiscountStage;
import io.minigun.spring.boot.discovery.app.DiscoveryApplication;
import io.minigun.spring.boot.discovery.app.Inventory;
import io.minigun.spring.boot.discovery.app.OrdersPipeline;
import io.minigun.spring.boot.discovery.external.LettersPipeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPEC §6: classes annotated {@code @MinigunPipeline}, and standalone stage classes, in the auto-configuration
 * packages become beans and pipelines with no other annotation, never twice.
 */
@Timeout(60)
class PipelineDiscoveryTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MinigunAutoConfiguration.class))
            .withInitializer(context -> AutoConfigurationPackages.register((BeanDefinitionRegistry) context,
                    DiscoveryApplication.class.getPackageName()))
            .withBean(Inventory.class);

    @Test
    void aPipelineClassWithNoOtherAnnotationRunsByName() {
        runner.run(context -> {
            PipelineExecutor executor = context.getBean(PipelineExecutor.class);
            assertThat(executor.pipelineNames()).containsExactlyInAnyOrder("orders", "components", "declared");

            OrdersRun.runsExactly(context);
        });
    }

    @Test
    void aDiscoveredPipelineClassGetsItsConstructorDependencies() {
        runner.run(context -> assertThat(context.getBean(OrdersPipeline.class).inventory())
                .isSameAs(context.getBean(Inventory.class)));
    }

    @Test
    void aStandaloneStageClassWithNoOtherAnnotationJoinsItsPipeline() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(DiscountStage.class).hasBean("discountStage");
            assertThat(context.getBean(MinigunPipelineRegistrar.class).discoveredPipelines().get("orders"))
                    .isEqualTo(new DiscoveredPipeline("orders", "ordersPipeline", List.of("discountStage")));
        });
    }

    @Test
    void aComponentFoundByComponentScanningIsRegisteredOnce() {
        runner.withUserConfiguration(ComponentScanConfiguration.class).run(context -> {
            assertThat(context.getBeanNamesForType(ComponentPipeline.class)).containsExactly("componentPipeline");
            assertThat(context.getBean(PipelineExecutor.class).pipelineNames()).containsOnlyOnce("components");
        });
    }

    @Test
    void aClassDeclaredAsABeanIsNotRegisteredAgain() {
        runner.withUserConfiguration(DeclaredPipelineConfiguration.class).run(context -> {
            assertThat(context.getBeanNamesForType(DeclaredPipeline.class)).containsExactly("declared");
            assertThat(context.getBean(MinigunPipelineRegistrar.class).discoveredPipelines().get("declared"))
                    .isEqualTo(new DiscoveredPipeline("declared", "declared", List.of()));
        });
    }

    @Test
    void aBeanMethodThatHidesThePipelineClassFailsStartupSayingWhatToDeclare() {
        runner.withUserConfiguration(HiddenDeclaredPipelineConfiguration.class).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure())
                    .hasMessageContaining("both declare a Minigun pipeline named 'declared'")
                    .hasMessageContaining("declare the @Bean method's return type as the pipeline class");
        });
    }

    @Test
    void aBeanNameTakenByAnotherBeanGivesTheDiscoveredClassItsQualifiedName() {
        runner.withBean("ordersPipeline", String.class, () -> "not a pipeline").run(context -> {
            assertThat(context.getBeanNamesForType(OrdersPipeline.class)).containsExactly(OrdersPipeline.class.getName());
            assertThat(context.getBean(PipelineExecutor.class).run("orders").status()).isEqualTo(RunStatus.COMPLETED);
        });
    }

    @Test
    void aClassOutsideTheAutoConfigurationPackagesIsNotDiscovered() {
        runner.run(context -> {
            assertThat(context).doesNotHaveBean(LettersPipeline.class);
            assertThat(context.getBean(PipelineExecutor.class).pipelineNames()).doesNotContain("letters");
        });
    }

    @Test
    void disabledRegistersNoDiscoveredClassAndLeavesComponentsAlone() {
        runner.withUserConfiguration(ComponentScanConfiguration.class)
                .withPropertyValues("minigun.enabled=false")
                .run(context -> {
                    assertThat(context).hasNotFailed()
                            .doesNotHaveBean(OrdersPipeline.class)
                            .doesNotHaveBean(DiscountStage.class)
                            .doesNotHaveBean(DeclaredPipeline.class)
                            .hasSingleBean(ComponentPipeline.class);
                    assertThat(Arrays.stream(context.getBeanDefinitionNames()).map(context::getType)
                            .filter(Objects::nonNull).map(Class::getPackageName))
                            .doesNotContain(MinigunAutoConfiguration.class.getPackageName());
                });
    }

    /** Component scanning, as {@code @SpringBootApplication} does it, of {@link ComponentPipeline} only. */
    @Configuration(proxyBeanMethods = false)
    @ComponentScan(basePackageClasses = ComponentPipeline.class, useDefaultFilters = false,
            includeFilters = @Filter(type = FilterType.ASSIGNABLE_TYPE, classes = ComponentPipeline.class))
    static class ComponentScanConfiguration {
    }

    /** Declares the pipeline bean with a return type that does not say it is one. */
    @Configuration(proxyBeanMethods = false)
    static class HiddenDeclaredPipelineConfiguration {

        @Bean
        Object declared() {
            return new DeclaredPipeline();
        }
    }
}
