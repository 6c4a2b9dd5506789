package io.minigun.spring.boot.discovery;

import io.minigun.RunResult;
import io.minigun.RunStatus;
import io.minigun.execution.PipelineExecutor;
import io.minigun.spring.boot.autoconfigure.MinigunAutoConfiguration;
import io.minigun.spring.boot.autoconfigure.MinigunPipelineRegistrar;
import io.minigun.spring.boot.autoconfigure.MinigunPipelineScan;
import io.minigun.spring.boot.discovery.app.DiscoveryApplication;
import io.minigun.spring.boot.discovery.app.Inventory;
import io.minigun.spring.boot.discovery.app.OrdersPipeline;
import io.minigun.spring.boot.discovery.external.ExternalPipelinesConfiguration;
import io.minigun.spring.boot.discovery.external.LettersPipeline;
import io.minigun.spring.boot.discovery.shout.ShoutStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link MinigunPipelineScan}: packages outside the application's, scanned instead of the application's. */
@Timeout(60)
class MinigunPipelineScanTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MinigunAutoConfiguration.class))
            .withInitializer(context -> AutoConfigurationPackages.register((BeanDefinitionRegistry) context,
                    DiscoveryApplication.class.getPackageName()));

    @Test
    void itsPackagesAreScannedInsteadOfTheApplications() {
        runner.withUserConfiguration(LettersScan.class).run(context -> {
            assertThat(context.getBean(PipelineExecutor.class).pipelineNames()).containsExactly("letters");
            assertThat(context).doesNotHaveBean(OrdersPipeline.class).doesNotHaveBean(ShoutStage.class);
            assertThat(lettersRun(context)).containsExactlyInAnyOrder("a", "b");
        });
    }

    @Test
    void aStandaloneStageClassOutsideTheApplicationsPackagesJoinsItsPipelineWhenItsPackageIsScanned() {
        runner.withBean(Inventory.class).withUserConfiguration(ApplicationLettersAndShoutScan.class).run(context -> {
            assertThat(context.getBean(PipelineExecutor.class).pipelineNames())
                    .containsExactlyInAnyOrder("orders", "components", "declared", "letters");
            assertThat(context.getBean(MinigunPipelineRegistrar.class).discoveredPipelines().get("letters")
                    .stageBeanNames()).containsExactly("shoutStage");
            assertThat(lettersRun(context)).containsExactlyInAnyOrder("A", "B");
        });
    }

    @Test
    void packagesNamedBySeveralAnnotationsAddUp() {
        runner.withUserConfiguration(LettersScanByName.class, ShoutScanByName.class).run(context -> {
            assertThat(context.getBean(PipelineExecutor.class).pipelineNames()).containsExactly("letters");
            assertThat(lettersRun(context)).containsExactlyInAnyOrder("A", "B");
        });
    }

    @Test
    void withoutAttributesItScansThePackageOfTheClassItAnnotates() {
        runner.withUserConfiguration(ExternalPipelinesConfiguration.class).run(context ->
                assertThat(context.getBean(PipelineExecutor.class).pipelineNames()).containsExactly("letters"));
    }

    @Test
    void disabledScansNothingAndCreatesNoMinigunBean() {
        runner.withUserConfiguration(LettersScan.class).withPropertyValues("minigun.enabled=false").run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(LettersPipeline.class);
            assertThat(Arrays.stream(context.getBeanDefinitionNames()).map(context::getType)
                    .filter(Objects::nonNull).map(Class::getPackageName))
                    .doesNotContain(MinigunAutoConfiguration.class.getPackageName());
        });
    }

    private static List<String> lettersRun(AssertableApplicationContext context) {
        RunResult result = context.getBean(PipelineExecutor.class).run("letters");
        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(result.consumed()).isEqualTo(2);
        return context.getBean(LettersPipeline.class).collected();
    }

    @Configuration(proxyBeanMethods = false)
    @MinigunPipelineScan(basePackageClasses = LettersPipeline.class)
    static class LettersScan {
    }

    @Configuration(proxyBeanMethods = false)
    @MinigunPipelineScan(basePackageClasses = {DiscoveryApplication.class, LettersPipeline.class, ShoutStage.class})
    static class ApplicationLettersAndShoutScan {
    }

    @Configuration(proxyBeanMethods = false)
    @MinigunPipelineScan("io.minigun.spring.boot.discovery.external")
    static class LettersScanByName {
    }

    @Configuration(proxyBeanMethods = false)
    @MinigunPipelineScan(basePackages = "io.minigun.spring.boot.discovery.shout")
    static class ShoutScanByName {
    }
}
