package io.minigun.spring.boot.autoconfigure;

import io.minigun.ConcurrencySettings;
import io.minigun.Affinity;
import io.minigun.ContextType;
import io.minigun.NamedContext;
import io.minigun.PipelineSettings;
import io.minigun.execution.ExecutionPlan;
import io.minigun.execution.PipelineExecutor;
import io.minigun.spring.boot.autoconfigure.TestPipelines.NumbersConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Binding of every {@code minigun.*} key, the deprecated aliases, overrides of annotations, and invalid values. */
@Timeout(60)
@ExtendWith(OutputCaptureExtension.class)
class MinigunPropertiesTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MinigunAutoConfiguration.class));

    @Test
    void defaultsMatchTheLibraryDefaults() {
        runner.run(context -> {
            MinigunProperties properties = context.getBean(MinigunProperties.class);
            assertThat(properties.isEnabled()).isTrue();
            assertThat(properties.getQueueSize()).isEqualTo(1000);
            assertThat(properties.getProgress().getInterval()).isEqualTo(Duration.ofSeconds(10));
            assertThat(properties.getRunOnStartup()).isEmpty();
            assertThat(properties.getProcess().getJvmArgs()).isEmpty();
            assertThat(properties.getProcess().getKeepAlive()).isEqualTo(Duration.ofMinutes(5));
            PipelineSettings defaults = context.getBean(PipelineExecutor.class).defaults();
            assertThat(defaults.process().keepAlive()).as("PROCESS workers stay warm between runs")
                    .isEqualTo(Duration.ofMinutes(5));
            assertThat(defaults.concurrency()).isEqualTo(ConcurrencySettings.DEFAULTS);
            assertThat(defaults.queueSize()).isEqualTo(PipelineSettings.DEFAULT_QUEUE_SIZE);
            assertThat(defaults.contexts()).isEmpty();
        });
    }

    @Test
    void bindsTheGlobalKeysIntoTheExecutorDefaults() {
        runner.withPropertyValues("minigun.concurrency.threads=7", "minigun.concurrency.processes=3",
                "minigun.concurrency.virtual-threads=99", "minigun.concurrency.retries=4",
                "minigun.concurrency.backoff=250ms", "minigun.concurrency.inline=false",
                "minigun.concurrency.force-inline=true", "minigun.queue-size=42").run(context -> {
            PipelineSettings defaults = context.getBean(PipelineExecutor.class).defaults();
            assertThat(defaults.concurrency()).isEqualTo(
                    new ConcurrencySettings(7, 3, 99, 4, Duration.ofMillis(250), false, true));
            assertThat(defaults.queueSize()).isEqualTo(42);
        });
    }

    @Test
    void bindsNamedContexts() {
        runner.withPropertyValues("minigun.concurrency.threads=6", "minigun.contexts.io.type=VIRTUAL",
                "minigun.contexts.io.size=16", "minigun.contexts.cpu.type=thread").run(context -> {
            assertThat(context.getBean(PipelineExecutor.class).defaults().contexts()).containsExactlyInAnyOrderEntriesOf(
                    java.util.Map.of("io", new NamedContext("io", ContextType.VIRTUAL, 16),
                            "cpu", new NamedContext("cpu", ContextType.THREAD, 6)));
        });
    }

    @Test
    void bindsProcessRunOnStartupAndProgress() {
        runner.withUserConfiguration(NumbersConfiguration.class)
                .withPropertyValues("minigun.process.jvm-args=-Xmx64m,-Dmode=worker",
                        "minigun.run-on-startup=numbers", "minigun.progress.interval=2s")
                .run(context -> {
                    MinigunProperties properties = context.getBean(MinigunProperties.class);
                    assertThat(properties.getProcess().getJvmArgs()).containsExactly("-Xmx64m", "-Dmode=worker");
                    assertThat(properties.getRunOnStartup()).containsExactly("numbers");
                    assertThat(context.getBean(MinigunStartupRunner.class).pipelines()).containsExactly("numbers");
                    assertThat(properties.getProgress().getInterval()).isEqualTo(Duration.ofSeconds(2));
                });
    }

    @Test
    @SuppressWarnings("deprecation")
    void deprecatedAliasesStillBindAndAreWarnedAboutOnce(CapturedOutput output) {
        runner.withPropertyValues("minigun.max-threads=9", "minigun.max-processes=4", "minigun.max-retries=2")
                .run(context -> {
                    MinigunProperties properties = context.getBean(MinigunProperties.class);
                    assertThat(properties.getMaxThreads()).isEqualTo(9);
                    assertThat(properties.getMaxProcesses()).isEqualTo(4);
                    assertThat(properties.getMaxRetries()).isEqualTo(2);
                    ConcurrencySettings concurrency = context.getBean(PipelineExecutor.class).defaults().concurrency();
                    assertThat(concurrency.threads()).isEqualTo(9);
                    assertThat(concurrency.processes()).isEqualTo(4);
                    assertThat(concurrency.retries()).isEqualTo(2);
                });
        assertThat(occurrences(output.getOut(), "Property 'minigun.max-threads' is deprecated: use "
                + "'minigun.concurrency.threads'")).isEqualTo(1);
        assertThat(output.getOut()).contains("'minigun.max-processes' is deprecated",
                "'minigun.max-retries' is deprecated");
    }

    @Test
    void theReplacementWinsWhenBothItAndItsAliasAreSet(CapturedOutput output) {
        runner.withPropertyValues("minigun.max-threads=9", "minigun.concurrency.threads=4",
                "minigun.max-processes=5", "minigun.concurrency.processes=1",
                "minigun.max-retries=7", "minigun.concurrency.retries=0").run(context -> {
            ConcurrencySettings concurrency = context.getBean(PipelineExecutor.class).defaults().concurrency();
            assertThat(concurrency.threads()).isEqualTo(4);
            assertThat(concurrency.processes()).isEqualTo(1);
            assertThat(concurrency.retries()).isZero();
        });
        assertThat(output.getOut()).contains("minigun.concurrency.threads=4 wins over minigun.max-threads=9");
    }

    @Test
    void annotationsWinOverGlobalDefaultsAndPipelinePropertiesWinOverAnnotations() {
        // Numbers says threads = 2; 'doubled' is made a THREAD stage so it takes the pipeline's pool size
        runner.withUserConfiguration(NumbersConfiguration.class)
                .withPropertyValues("minigun.concurrency.threads=8",
                        "minigun.pipelines.numbers.stages.doubled.concurrency=THREAD")
                .run(plan(plan -> assertThat(plan.workers("doubled")).isEqualTo(2)));
        runner.withUserConfiguration(NumbersConfiguration.class)
                .withPropertyValues("minigun.pipelines.numbers.concurrency.threads=6",
                        "minigun.pipelines.numbers.stages.doubled.concurrency=THREAD")
                .run(plan(plan -> {
                    assertThat(plan.workers("doubled")).isEqualTo(6);
                    assertThat(plan.contextType("doubled")).isEqualTo(ContextType.THREAD);
                }));
    }

    @Test
    void bindsEveryPipelineLevelKey() {
        runner.withUserConfiguration(NumbersConfiguration.class)
                .withPropertyValues("minigun.pipelines.numbers.concurrency.processes=3",
                        "minigun.pipelines.numbers.concurrency.virtual-threads=12",
                        "minigun.pipelines.numbers.concurrency.retries=5",
                        "minigun.pipelines.numbers.concurrency.backoff=1s",
                        "minigun.pipelines.numbers.concurrency.inline=false",
                        "minigun.pipelines.numbers.queue-size=33")
                .run(context -> {
                    PipelineExecutor executor = context.getBean(PipelineExecutor.class);
                    ExecutionPlan plan = executor.plan("numbers");
                    assertThat(plan.isColocated("doubled")).isFalse();
                    assertThat(plan.queueCapacity("doubled")).isEqualTo(33);
                    assertThat(plan.stage("doubled").retries()).isEqualTo(5);
                    assertThat(plan.stage("doubled").backoff()).isEqualTo(Duration.ofSeconds(1));
                });
        runner.withUserConfiguration(NumbersConfiguration.class)
                .withPropertyValues("minigun.pipelines.numbers.concurrency.force-inline=true")
                .run(plan(plan -> assertThat(plan.isForceInline()).isTrue()));
        // the global default is 2
        assertThePipelineDefaultSizesAStageOf(ContextType.PROCESS, "processes", 3);
    }

    @Test
    @EnabledForJreRange(min = JRE.JAVA_21)
    void thePipelineVirtualThreadCapReachesItsVirtualStages() {
        // the global default is 256
        assertThePipelineDefaultSizesAStageOf(ContextType.VIRTUAL, "virtual-threads", 12);
    }

    /** A stage of {@code type} without a pool size of its own is sized by the pipeline-level {@code key}. */
    private void assertThePipelineDefaultSizesAStageOf(ContextType type, String key, int size) {
        runner.withUserConfiguration(NumbersConfiguration.class)
                .withPropertyValues("minigun.pipelines.numbers.concurrency." + key + "=" + size,
                        "minigun.pipelines.numbers.stages.doubled.concurrency=" + type)
                .run(plan(plan -> {
                    assertThat(plan.contextType("doubled")).isEqualTo(type);
                    assertThat(plan.workers("doubled")).isEqualTo(size);
                }));
    }

    @Test
    void bindsEveryStageLevelKey() {
        runner.withUserConfiguration(NumbersConfiguration.class)
                .withPropertyValues("minigun.pipelines.numbers.stages.doubled.threads=3",
                        "minigun.pipelines.numbers.stages.doubled.queue-size=17",
                        "minigun.pipelines.numbers.stages.doubled.retries=2",
                        "minigun.pipelines.numbers.stages.collect.affinity=independent")
                .run(plan(plan -> {
                    assertThat(plan.workers("doubled")).isEqualTo(3);
                    assertThat(plan.queueCapacity("doubled")).isEqualTo(17);
                    assertThat(plan.stage("doubled").retries()).isEqualTo(2);
                    assertThat(plan.isColocated("collect")).isFalse();
                }));
        runner.withUserConfiguration(NumbersConfiguration.class)
                .withPropertyValues("minigun.pipelines.numbers.stages.doubled.pool-size=4",
                        "minigun.pipelines.numbers.stages.doubled.concurrency=THREAD")
                .run(plan(plan -> assertThat(plan.workers("doubled")).isEqualTo(4)));
        runner.withUserConfiguration(NumbersConfiguration.class)
                .withPropertyValues("minigun.contexts.shared.type=THREAD", "minigun.contexts.shared.size=3",
                        "minigun.pipelines.numbers.stages.doubled.context=shared")
                .run(plan(plan -> {
                    assertThat(plan.stage("doubled").contextName()).isEqualTo("shared");
                    assertThat(plan.workers("doubled")).isEqualTo(3);
                }));
    }

    /** The root cause is the property check itself: its message names the key, the value and what to write. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "minigun.concurrency.threads=0                         | minigun.concurrency.threads                    | Must be at least 1",
            "minigun.concurrency.processes=0                       | minigun.concurrency.processes                  | Must be at least 1",
            "minigun.concurrency.virtual-threads=0                 | minigun.concurrency.virtual-threads            | Must be at least 1",
            "minigun.concurrency.retries=-1                        | minigun.concurrency.retries                    | Must be at least 0",
            "minigun.concurrency.backoff=-1s                       | minigun.concurrency.backoff                    | Must not be negative",
            "minigun.queue-size=0                                  | minigun.queue-size                             | Must be at least 1",
            "minigun.max-threads=0                                 | minigun.max-threads                            | Must be at least 1",
            "minigun.progress.interval=-5s                         | minigun.progress.interval                      | Must not be negative",
            "minigun.process.keep-alive=-1s                        | minigun.process.keep-alive                     | Must not be negative",
            "minigun.contexts.io.type=AUTO                         | minigun.contexts.io.type                       | THREAD, VIRTUAL, INLINE or PROCESS",
            "minigun.contexts.io.size=0                            | minigun.contexts.io.size                       | Must be at least 1",
            "minigun.pipelines.nope.concurrency.threads=2          | minigun.pipelines.nope                         | known pipelines: [numbers]",
            "minigun.pipelines.numbers.concurrency.threads=0       | minigun.pipelines.numbers.concurrency.threads  | Must be at least 1",
            "minigun.pipelines.numbers.concurrency.backoff=-1s     | minigun.pipelines.numbers.concurrency.backoff  | Must not be negative",
            "minigun.pipelines.numbers.queue-size=0                | minigun.pipelines.numbers.queue-size           | Must be at least 1",
            "minigun.pipelines.numbers.stages.nope.threads=2       | minigun.pipelines.numbers.stages.nope          | its stages are [generate, doubled, collect, audit]",
            "minigun.pipelines.numbers.stages.doubled.threads=0    | minigun.pipelines.numbers.stages.doubled.threads    | Must be at least 1",
            "minigun.pipelines.numbers.stages.doubled.pool-size=0  | minigun.pipelines.numbers.stages.doubled.pool-size  | Must be at least 1",
            "minigun.pipelines.numbers.stages.doubled.queue-size=0 | minigun.pipelines.numbers.stages.doubled.queue-size | Must be at least 1",
            "minigun.pipelines.numbers.stages.doubled.context=missing | minigun.pipelines.numbers.stages.doubled.context | minigun.contexts.missing.type",
    })
    void anInvalidValueFailsStartupNamingTheKeyAndTheFix(String property, String key, String fix) {
        runner.withUserConfiguration(NumbersConfiguration.class).withPropertyValues(property).run(context -> {
            assertThat(context).hasFailed();
            assertThat(rootCause(context))
                    .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                    .hasMessageContaining("Property " + key + " with value")
                    .hasMessageContaining(fix);
        });
    }

    /**
     * A value that does not convert fails while binding: the binder names the key, and what to write is in the
     * failure analysis (Boot's lists an enum's values; Minigun's gives the duration format, see
     * {@code anUnreadableDurationIsReportedWithTheFormatToWrite}).
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "minigun.contexts.io.type=fork                              | minigun.contexts.io.type",
            "minigun.pipelines.numbers.stages.doubled.concurrency=FORK  | minigun.pipelines.numbers.stages.doubled.concurrency",
            "minigun.concurrency.backoff=fast                           | minigun.concurrency.backoff",
            "minigun.pipelines.numbers.concurrency.backoff=fast         | minigun.pipelines.numbers.concurrency.backoff",
            "minigun.progress.interval=soon                             | minigun.progress.interval",
    })
    void aValueThatDoesNotConvertFailsStartupNamingTheKey(String property, String key) {
        runner.withUserConfiguration(NumbersConfiguration.class).withPropertyValues(property).run(context -> {
            assertThat(context).hasFailed();
            assertThat(bindFailure(context).getName()).hasToString(key);
            assertThat(rootCause(context))
                    .hasMessageContaining(property.substring(property.indexOf('=') + 1));
        });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "minigun.concurrency.backoff=fast                    | minigun.concurrency.backoff",
            "minigun.pipelines.numbers.concurrency.backoff=1 sec | minigun.pipelines.numbers.concurrency.backoff",
            "minigun.progress.interval=soon                      | minigun.progress.interval",
    })
    void anUnreadableDurationIsReportedWithTheFormatToWrite(String property, String key) {
        runner.withUserConfiguration(NumbersConfiguration.class).withPropertyValues(property).run(context -> {
            FailureAnalysis analysis = new MinigunPropertyFailureAnalyzer().analyze(context.getStartupFailure());

            assertThat(analysis).as("Minigun's analysis of the startup failure").isNotNull();
            assertThat(analysis.getDescription()).contains(key)
                    .contains(property.substring(property.indexOf('=') + 1));
            assertThat(analysis.getAction()).contains(key).contains("100ms", "2s", "1m");
        });
    }

    @Test
    void aDurationOfAnotherLibraryIsLeftToBootsAnalysis() {
        Binder binder = new Binder(new MapConfigurationPropertySource(Map.of("other.timeout", "fast")));

        assertThatThrownBy(() -> binder.bind("other.timeout", Duration.class))
                .isInstanceOf(BindException.class)
                .satisfies(notOurs -> assertThat(new MinigunPropertyFailureAnalyzer().analyze(notOurs)).isNull());
    }

    @Test
    void aStageOverrideThatBreaksThePipelineSaysWhichPropertiesWereApplied() {
        runner.withUserConfiguration(NumbersConfiguration.class)
                .withPropertyValues("minigun.pipelines.numbers.stages.generate.threads=2")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure())
                            .hasMessageContaining("with the overrides of minigun.pipelines.numbers applied")
                            .hasMessageContaining("'generate'")
                            .hasMessageContaining("threads");
                });
    }

    private static ContextConsumer<AssertableApplicationContext> plan(Consumer<ExecutionPlan> check) {
        return context -> {
            assertThat(context).hasNotFailed();
            check.accept(context.getBean(PipelineExecutor.class).plan("numbers"));
        };
    }

    /** The innermost cause of the startup failure (the failure itself when it has none). */
    private static Throwable rootCause(AssertableApplicationContext context) {
        Throwable root = context.getStartupFailure();
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root;
    }

    private static BindException bindFailure(AssertableApplicationContext context) {
        for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
            if (t instanceof BindException bind) {
                return bind;
            }
        }
        throw new AssertionError("no BindException in the startup failure", context.getStartupFailure());
    }

    private static int occurrences(String text, String part) {
        return List.of(text.split(java.util.regex.Pattern.quote(part), -1)).size() - 1;
    }
}
