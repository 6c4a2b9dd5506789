package io.minigun.spring.boot.autoconfigure;

import io.minigun.kafka.KafkaRemoting;
import io.minigun.spring.boot.autoconfigure.TestPipelines.NumbersConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kafka transport's auto-configuration without a broker: what is (not) created, and the startup errors of
 * {@code transport: kafka}. Nothing here may connect: the bootstrap address is a port nothing listens on.
 */
@Timeout(60)
class MinigunKafkaAutoConfigurationTests {
    private static final String STAGE = "minigun.pipelines.numbers.stages.doubled";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, MinigunKafkaAutoConfiguration.class,
                    MinigunAutoConfiguration.class))
            .withUserConfiguration(NumbersConfiguration.class)
            .withPropertyValues("spring.kafka.bootstrap-servers=localhost:1");

    @Test
    void withoutAStageOverKafkaNothingConnectsAndPipelinesRunAsBefore() {
        runner.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(KafkaRemoting.class)
                    .hasSingleBean(KafkaRemotingLifecycle.class);
            assertThat(context.getBean(KafkaRemoting.class).isRunning()).isFalse();
            assertThat(context.getBean(io.minigun.execution.PipelineExecutor.class).run("numbers").status())
                    .isEqualTo(io.minigun.RunStatus.COMPLETED);
        });
    }

    @Test
    void aStageOverKafkaWithoutTheKafkaModuleFailsStartupNamingTheKeyAndTheDependency() {
        runner.withClassLoader(new FilteredClassLoader(KafkaRemoting.class))
                .withPropertyValues(STAGE + ".transport=kafka")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure())
                            .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                            .hasMessageContaining("Property " + STAGE + ".transport with value 'kafka' is invalid")
                            .hasMessageContaining("needs io.minigun:minigun-kafka and "
                                    + "org.springframework.boot:spring-boot-kafka on the class path");
                });
    }

    @Test
    void anIllegalTopicNameFailsStartupNamingTheKey() {
        runner.withPropertyValues(STAGE + ".transport=kafka", STAGE + ".kafka.items-topic=orders to enrich")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure())
                            .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                            .hasMessageContaining(STAGE + ".kafka")
                            .hasMessageContaining("orders to enrich");
                });
    }

    @Test
    void aMaxInFlightBelowOneFailsStartupNamingTheKey() {
        runner.withPropertyValues(STAGE + ".transport=kafka", STAGE + ".kafka.max-in-flight=0")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure())
                            .hasMessageContaining(STAGE + ".kafka.max-in-flight");
                });
    }

    @Test
    void aStageOverKafkaCannotAlsoHaveLocalThreads() {
        runner.withPropertyValues(STAGE + ".transport=kafka", STAGE + ".threads=4")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).hasMessageContaining("doubled")
                            .hasMessageContaining("transport");
                });
    }
}
