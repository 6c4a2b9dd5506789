package io.minigun.spring.boot.autoconfigure;

import io.minigun.PipelineRun;
import io.minigun.RunResult;
import io.minigun.RunStatus;
import io.minigun.execution.PipelineExecutor;
import io.minigun.spring.boot.autoconfigure.TestPipelines.Audit;
import io.minigun.spring.boot.autoconfigure.TestPipelines.Blocking;
import io.minigun.spring.boot.autoconfigure.TestPipelines.BlockingConfiguration;
import io.minigun.spring.boot.autoconfigure.TestPipelines.CycleConfiguration;
import io.minigun.spring.boot.autoconfigure.TestPipelines.Numbers;
import io.minigun.spring.boot.autoconfigure.TestPipelines.NumbersConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@Timeout(60)
@ExtendWith(OutputCaptureExtension.class)
class MinigunAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MinigunAutoConfiguration.class));

    @Test
    void providesTheMinigunInfrastructure() {
        runner.run(context -> assertThat(context)
                .hasSingleBean(PipelineExecutor.class)
                .hasSingleBean(MinigunProperties.class)
                .hasSingleBean(MinigunPipelineRegistrar.class)
                .hasSingleBean(MinigunLifecycle.class)
                .hasSingleBean(MinigunStartupRunner.class));
    }

    @Test
    void discoversAnnotatedPipelineBeansAndStandaloneStageBeansWithNoOtherAnnotation() {
        runner.withUserConfiguration(NumbersConfiguration.class).run(context -> {
            PipelineExecutor executor = context.getBean(PipelineExecutor.class);
            assertThat(executor.pipelineNames()).containsExactly("numbers");
            assertThat(context.getBean(MinigunPipelineRegistrar.class).discoveredPipelines().get("numbers"))
                    .isEqualTo(new MinigunPipelineRegistrar.DiscoveredPipeline("numbers", "numbers", List.of("audit")));

            RunResult result = executor.run("numbers");

            assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(context.getBean(Numbers.class).collected).hasSize(10).contains(2, 20);
            assertThat(context.getBean(Audit.class).seen).hasValue(10);
            assertThat(executor.plan("numbers").workers("doubled")).isEqualTo(1);
        });
    }

    @Test
    void registersDiscoveredPipelinesWithAUserExecutor() {
        runner.withUserConfiguration(NumbersConfiguration.class, UserExecutorConfiguration.class).run(context -> {
            assertThat(context).hasSingleBean(PipelineExecutor.class).hasBean("userExecutor");
            assertThat(context.getBean(PipelineExecutor.class).pipelineNames()).containsExactly("numbers");
        });
    }

    @Test
    void backsOffForUserRegistrarLifecycleAndStartupRunner() {
        runner.withUserConfiguration(UserBeansConfiguration.class).run(context -> assertThat(context)
                .hasSingleBean(MinigunPipelineRegistrar.class).hasBean("userRegistrar")
                .hasSingleBean(MinigunLifecycle.class).hasBean("userLifecycle")
                .hasSingleBean(MinigunStartupRunner.class).hasBean("userRunner"));
    }

    @Test
    void disabledCreatesNoMinigunInfrastructureButLeavesPipelineBeansAlone() {
        runner.withUserConfiguration(NumbersConfiguration.class)
                .withPropertyValues("minigun.enabled=false")
                .run(context -> assertThat(context)
                        .hasNotFailed()
                        .doesNotHaveBean(PipelineExecutor.class)
                        .doesNotHaveBean(MinigunProperties.class)
                        .doesNotHaveBean(MinigunPipelineRegistrar.class)
                        .doesNotHaveBean(MinigunLifecycle.class)
                        .doesNotHaveBean(MinigunStartupRunner.class)
                        .hasSingleBean(Numbers.class));
    }

    @Test
    void applicationTaskExecutorIsStillPresentAndIsTheOnlyExecutor() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(TaskExecutionAutoConfiguration.class,
                        MinigunAutoConfiguration.class, MinigunMetricsAutoConfiguration.class,
                        MinigunEndpointAutoConfiguration.class))
                .withUserConfiguration(NumbersConfiguration.class)
                .withPropertyValues("management.endpoints.web.exposure.include=minigun")
                .run(context -> {
                    assertThat(context).hasBean("applicationTaskExecutor").hasSingleBean(PipelineExecutor.class);
                    assertThat(context.getBeansOfType(Executor.class)).containsOnlyKeys("applicationTaskExecutor");
                });
    }

    @Test
    void aPipelineWithACycleFailsStartupWithTheCycleNamed() {
        runner.withUserConfiguration(CycleConfiguration.class).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure())
                    .hasMessageContaining("Minigun pipeline 'loopy' (bean 'cycle') is invalid")
                    .hasMessageContaining("has a cycle: a -> b -> a");
        });
    }

    @Test
    void aStageBeanThatJoinsAnUnknownPipelineFailsStartup() {
        runner.withBean("audit", Audit.class).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure())
                    .hasMessageContaining("Stage bean 'audit'")
                    .hasMessageContaining("joins pipeline 'numbers', but no @MinigunPipeline bean declares");
        });
    }

    @Test
    void runOnStartupStartsThePipelinesOnceTheApplicationIsReady(CapturedOutput output) {
        runner.withUserConfiguration(NumbersConfiguration.class)
                .withPropertyValues("minigun.run-on-startup=numbers")
                .run(context -> {
                    MinigunStartupRunner startup = context.getBean(MinigunStartupRunner.class);
                    assertThat(startup.runs()).isEmpty();

                    context.publishEvent(ready(context.getSourceApplicationContext()));

                    assertThat(startup.runs()).hasSize(1);
                    RunResult result = startup.runs().get(0).await(Duration.ofSeconds(30));
                    assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
                    assertThat(context.getBean(Numbers.class).collected).hasSize(10);
                    await().atMost(Duration.ofSeconds(10))
                            .until(() -> output.getOut().contains("Run " + result.id() + " of pipeline 'numbers' COMPLETED"));
                });
    }

    @Test
    void runOnStartupNamingAnUnknownPipelineFailsStartupNamingTheKey() {
        runner.withUserConfiguration(NumbersConfiguration.class)
                .withPropertyValues("minigun.run-on-startup=numbers,nope")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).hasMessageContaining("minigun.run-on-startup[1]")
                            .hasMessageContaining("nope").hasMessageContaining("known pipelines: [numbers]");
                });
    }

    @Test
    void progressLinesAreLoggedWhileARunIsActive(CapturedOutput output) {
        runner.withUserConfiguration(BlockingConfiguration.class)
                .withPropertyValues("minigun.progress.interval=50ms")
                .run(context -> {
                    assertThat(context.getBean(MinigunLifecycle.class).isReportingProgress()).isTrue();
                    PipelineRun run = context.getBean(PipelineExecutor.class).start("blocking");
                    try {
                        await().atMost(Duration.ofSeconds(20)).until(() -> output.getOut().contains(
                                "Pipeline 'blocking' run " + run.id() + ": 2 items done, 2 produced"));
                        assertThat(output.getOut()).contains("items/s", "running");
                    } finally {
                        context.getBean(Blocking.class).release.countDown();
                    }
                    assertThat(run.await(Duration.ofSeconds(20)).status()).isEqualTo(RunStatus.COMPLETED);
                });
    }

    @Test
    void aZeroProgressIntervalDisablesProgressLines() {
        runner.withPropertyValues("minigun.progress.interval=0").run(context ->
                assertThat(context.getBean(MinigunLifecycle.class).isReportingProgress()).isFalse());
    }

    @Test
    void theLifecycleStopCancelsActiveRunsAndWaitsForThem() {
        runner.withUserConfiguration(BlockingConfiguration.class).run(context -> {
            PipelineRun run = context.getBean(PipelineExecutor.class).start("blocking");
            await().atMost(Duration.ofSeconds(20)).until(() -> run.stats().consumed() == 2);
            MinigunLifecycle lifecycle = context.getBean(MinigunLifecycle.class);
            assertThat(lifecycle.isRunning()).isTrue();

            lifecycle.stop();

            assertThat(run.isDone()).isTrue();
            assertThat(run.result()).get().extracting(RunResult::status).isEqualTo(RunStatus.CANCELLED);
            assertThat(lifecycle.isRunning()).isFalse();
            assertThat(lifecycle.getPhase()).isEqualTo(MinigunLifecycle.PHASE);
        });
    }

    @Test
    void destroyingTheLifecycleCancelsARunStartedAfterItStopped() {
        runner.withUserConfiguration(BlockingConfiguration.class).run(context -> {
            MinigunLifecycle lifecycle = context.getBean(MinigunLifecycle.class);
            lifecycle.stop();
            PipelineRun late = context.getBean(PipelineExecutor.class).start("blocking");
            await().atMost(Duration.ofSeconds(20)).until(() -> late.stats().consumed() == 2);

            lifecycle.destroy();

            assertThat(late.result()).get().extracting(RunResult::status).isEqualTo(RunStatus.CANCELLED);
        });
    }

    @Test
    void closingTheContextCancelsActiveRuns() throws Exception {
        PipelineRun[] run = new PipelineRun[1];
        runner.withUserConfiguration(BlockingConfiguration.class).run(context -> {
            PipelineExecutor executor = context.getBean(PipelineExecutor.class);
            run[0] = executor.start("blocking");
            await().atMost(Duration.ofSeconds(20)).until(() -> run[0].stats().consumed() == 2);
            assertThat(run[0].isDone()).isFalse();
        });
        RunResult result = run[0].await(Duration.ofSeconds(5));
        assertThat(result.status()).isEqualTo(RunStatus.CANCELLED);
    }

    private static ApplicationReadyEvent ready(ConfigurableApplicationContext context) {
        return new ApplicationReadyEvent(new SpringApplication(), new String[0], context, Duration.ZERO);
    }

    @Configuration(proxyBeanMethods = false)
    static class UserExecutorConfiguration {
        @Bean
        PipelineExecutor userExecutor() {
            return new PipelineExecutor();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserBeansConfiguration {
        @Bean
        MinigunPipelineRegistrar userRegistrar(PipelineExecutor executor, MinigunProperties properties,
                                               ObjectProvider<PipelineRegistrationListener> listeners) {
            return new MinigunPipelineRegistrar(executor, properties, listeners);
        }

        @Bean
        MinigunLifecycle userLifecycle(PipelineExecutor executor) {
            return new MinigunLifecycle(executor, Duration.ZERO, Duration.ofSeconds(1));
        }

        @Bean
        MinigunStartupRunner userRunner(PipelineExecutor executor) {
            return new MinigunStartupRunner(executor, List.of());
        }
    }
}
