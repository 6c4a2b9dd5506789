package io.minigun.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The package rules of minigun-core: what is public API, and which way packages may depend on each other.
 *
 * <p>API packages: {@code io.minigun} (builder, pipeline, stage functions, results), {@code io.minigun.annotation},
 * {@code io.minigun.execution}, {@code io.minigun.stats}, {@code io.minigun.metrics}, {@code io.minigun.monitoring},
 * the worker SPI {@code io.minigun.process} and the transport SPI of remote stages {@code io.minigun.remote}.
 * Everything else lives in {@code io.minigun.internal.*}.
 *
 * <p>SPEC §5 fixes {@code Pipeline.plan()} to return {@code io.minigun.execution.ExecutionPlan} and
 * {@code ExecutionPlan.contextType()} to return {@code io.minigun.ContextType}, so the root package and
 * {@code io.minigun.execution} necessarily know each other. That is why the root package is left out of the slice
 * rule (its pattern {@code io.minigun.(*)..} matches subpackages only) and is instead split by class: the internal
 * packages may use its leaf types (stage functions, enums, values, exceptions) but never its facades
 * ({@code Minigun}, {@code PipelineBuilder}, {@code Pipeline}), so no cycle runs through the engine.
 */
class PackageRulesTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.minigun");

    private static final List<String> API_PACKAGES = List.of("io.minigun", "io.minigun.annotation",
            "io.minigun.execution", "io.minigun.stats", "io.minigun.metrics", "io.minigun.monitoring",
            "io.minigun.process", "io.minigun.remote");

    /**
     * Every public type of the API packages. Adding one is a decision about the API: add it here too.
     */
    private static final Set<String> PUBLIC_API = new TreeSet<>(List.of(
            "io.minigun.AccumulatorFunction", "io.minigun.Affinity", "io.minigun.ConcurrencyOptions",
            "io.minigun.ConcurrencySettings", "io.minigun.ConcurrencySpec", "io.minigun.ConsumerFunction",
            "io.minigun.ContextType", "io.minigun.DeadLetterHandler", "io.minigun.EmittingConsumerFunction",
            "io.minigun.ErrorPolicy", "io.minigun.Hook", "io.minigun.Input", "io.minigun.ItemFailure",
            "io.minigun.ItemSource", "io.minigun.LoopFunction", "io.minigun.MapFunction", "io.minigun.Minigun",
            "io.minigun.NamedContext", "io.minigun.Output", "io.minigun.Pipeline", "io.minigun.PipelineAbortException",
            "io.minigun.PipelineBuilder", "io.minigun.PipelineDefinitionException",
            "io.minigun.PipelineExecutionException", "io.minigun.PipelineRun", "io.minigun.PipelineSettings",
            "io.minigun.ProcessorFunction", "io.minigun.ProducerFunction", "io.minigun.Routing",
            "io.minigun.RunContext", "io.minigun.RunHook", "io.minigun.RunResult", "io.minigun.RunStatus",
            "io.minigun.StageOptions", "io.minigun.StageSpec",
            "io.minigun.annotation.Accumulator", "io.minigun.annotation.AfterFork", "io.minigun.annotation.AfterRun",
            "io.minigun.annotation.AfterStage", "io.minigun.annotation.BeforeFork", "io.minigun.annotation.BeforeRun",
            "io.minigun.annotation.BeforeStage", "io.minigun.annotation.Consumer",
            "io.minigun.annotation.MinigunPipeline", "io.minigun.annotation.Processor",
            "io.minigun.annotation.Producer", "io.minigun.annotation.Stage",
            "io.minigun.execution.ExecutionPlan", "io.minigun.execution.PipelineExecutor",
            "io.minigun.execution.PlannedStage", "io.minigun.execution.RemoteStageRunner",
            "io.minigun.execution.RunListener",
            "io.minigun.stats.LiveStageStats", "io.minigun.stats.LiveStats", "io.minigun.stats.PipelineStats",
            "io.minigun.stats.StageStats",
            "io.minigun.metrics.MinigunMeterBinder",
            "io.minigun.monitoring.ProgressReporter", "io.minigun.monitoring.RunHistory",
            "io.minigun.process.Codec", "io.minigun.process.ProcessOptions", "io.minigun.process.RemoteStageException",
            "io.minigun.process.SerializationCodec", "io.minigun.process.StageRecipe",
            "io.minigun.process.UnreadableItemException", "io.minigun.process.WorkerStage",
            "io.minigun.remote.Emission", "io.minigun.remote.RemoteChannel", "io.minigun.remote.RemoteRun",
            "io.minigun.remote.RemoteFailures", "io.minigun.remote.RemoteOutcome",
            "io.minigun.remote.RemoteTransport"));

    /**
     * The one public member of the API that takes an internal type: the hand-off of a definition from
     * {@code PipelineBuilder.build()} (root package) to the executor that owns the defaults (execution package).
     */
    private static final Set<String> INTERNAL_HAND_OFFS = Set.of(
            "io.minigun.execution.PipelineExecutor.planOf(io.minigun.internal.definition.PipelineDefinition)");

    @Test
    void subpackagesAreFreeOfCycles() {
        slices().matching("io.minigun.(*)..").should().beFreeOfCycles().check(CORE);
    }

    @Test
    void internalPackagesAreFreeOfCycles() {
        slices().matching("io.minigun.internal.(*)..").should().beFreeOfCycles().check(CORE);
    }

    @Test
    void internalPackagesUseOnlyTheLeafTypesOfTheRootPackage() {
        noClasses().that().resideInAPackage("io.minigun.internal..")
                .should().dependOnClassesThat().belongToAnyOf(
                        io.minigun.Minigun.class, io.minigun.PipelineBuilder.class, io.minigun.Pipeline.class)
                .check(CORE);
    }

    @Test
    void internalPackagesDoNotUseTheApiFacadesOfSubpackages() {
        noClasses().that().resideInAPackage("io.minigun.internal..")
                .should().dependOnClassesThat().resideInAnyPackage("io.minigun.execution..", "io.minigun.metrics..",
                        "io.minigun.monitoring..")
                .check(CORE);
    }

    @Test
    void theWorkerSubsystemDoesNotDependOnTheEngine() {
        // the engine drives PROCESS stages through the interfaces internal.worker defines (ProcessStageHost,
        // WorkerLane); never the other way round
        noClasses().that().resideInAPackage("io.minigun.internal.worker..")
                .should().dependOnClassesThat().resideInAPackage("io.minigun.internal.runtime..")
                .check(CORE);
    }

    @Test
    void theApiPackagesHaveExactlyTheListedPublicTypes() {
        Set<String> actual = CORE.stream()
                .filter(c -> API_PACKAGES.contains(c.getPackageName()))
                .filter(c -> c.getModifiers().contains(JavaModifier.PUBLIC) && c.isTopLevelClass())
                .map(JavaClass::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(actual).as("public types of the API packages").isEqualTo(PUBLIC_API);
    }

    @Test
    void publicApiSignaturesDoNotExposeInternalTypes() {
        DescribedPredicate<JavaClass> internal = JavaClass.Predicates.resideInAPackage("io.minigun.internal..");
        Set<String> exposing = new TreeSet<>();
        for (JavaClass type : CORE) {
            if (!API_PACKAGES.contains(type.getPackageName()) || !type.getModifiers().contains(JavaModifier.PUBLIC)) {
                continue;
            }
            for (JavaCodeUnit member : type.getCodeUnits()) {
                if (!member.getModifiers().contains(JavaModifier.PUBLIC)
                        && !member.getModifiers().contains(JavaModifier.PROTECTED)) {
                    continue;
                }
                boolean exposes = internal.test(member.getRawReturnType())
                        || member.getRawParameterTypes().stream().anyMatch(internal::test);
                if (exposes) {
                    exposing.add(type.getName() + "." + member.getName() + "("
                            + member.getRawParameterTypes().stream().map(JavaClass::getName)
                            .collect(Collectors.joining(", ")) + ")");
                }
            }
        }
        assertThat(exposing).as("public API members with internal types in their signature")
                .isEqualTo(INTERNAL_HAND_OFFS);
    }
}
