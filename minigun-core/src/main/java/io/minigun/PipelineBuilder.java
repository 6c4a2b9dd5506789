package io.minigun;

import io.minigun.internal.definition.DeclaredPipeline;
import io.minigun.internal.definition.LambdaTypes;
import io.minigun.internal.definition.PipelineDefinition;
import io.minigun.internal.definition.Reroute;
import io.minigun.internal.definition.StageDefinition;
import io.minigun.internal.definition.StageKind;
import io.minigun.internal.definition.StageBodies;
import io.minigun.execution.PipelineExecutor;
import io.minigun.process.ProcessOptions;
import io.minigun.process.StageRecipe;
import org.jspecify.annotations.Nullable;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Declares a pipeline stage by stage. Stages connect in declaration order unless edges say otherwise;
 * {@link #build()} wires, validates and plans the pipeline.
 */
public final class PipelineBuilder {
    private final DeclaredPipeline declared;
    private @Nullable PipelineExecutor executor;

    PipelineBuilder(String name) {
        this.declared = new DeclaredPipeline(name);
    }

    /** A builder holding {@code definition}, to change it before building again. */
    PipelineBuilder(PipelineDefinition definition, @Nullable PipelineExecutor executor) {
        this.declared = new DeclaredPipeline(definition);
        this.executor = executor;
    }

    // ---- pipeline-wide settings ----------------------------------------------------------------------------

    /** Sets concurrency defaults: {@code c -> c.threads(10).processes(4).retries(3)}. */
    public PipelineBuilder concurrency(ConcurrencyOptions options) {
        ConcurrencySpec spec = new ConcurrencySpec();
        Objects.requireNonNull(options, "concurrency options").configure(spec);
        declared.concurrency(spec.toSettings());
        return this;
    }

    /** The default input queue capacity of this pipeline's stages (1000 unless set). */
    public PipelineBuilder queueSize(int size) {
        declared.queueSize(size);
        return this;
    }

    /** What the run does when an item fails after its retries, for every stage that does not say otherwise. */
    public PipelineBuilder onError(ErrorPolicy policy) {
        declared.errorPolicy(policy);
        return this;
    }

    /** Defines a named context: stages that select it with {@code s.context(name)} share one pool of {@code size}. */
    public PipelineBuilder context(String contextName, ContextType type, int size) {
        Objects.requireNonNull(contextName, "context name");
        Objects.requireNonNull(type, "context type");
        declared.context(new NamedContext(contextName, type, size));
        return this;
    }

    /** How this pipeline's PROCESS stages start their worker JVMs and encode items (inherited when not set). */
    public PipelineBuilder process(ProcessOptions options) {
        declared.process(options);
        return this;
    }

    /** Runs this pipeline's runs on the given executor instead of the shared default one. */
    public PipelineBuilder executor(PipelineExecutor executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
        return this;
    }

    // ---- producers -----------------------------------------------------------------------------------------

    /** A producer: runs once per run and emits items. */
    public <O> PipelineBuilder producer(String stage, ProducerFunction<O> body) {
        return producer(stage, body, StageOptions.none());
    }

    public <O> PipelineBuilder producer(String stage, ProducerFunction<O> body, StageOptions options) {
        return add(stage, StageKind.PRODUCER, StageBodies.producer(body), body, true, options);
    }

    /** A producer given as a supplier of an {@code Iterable}, {@code Stream} or {@code Iterator}. */
    public <O> PipelineBuilder producer(String stage, ItemSource<O> source) {
        return producer(stage, source, StageOptions.none());
    }

    public <O> PipelineBuilder producer(String stage, ItemSource<O> source, StageOptions options) {
        return add(stage, StageKind.PRODUCER, StageBodies.producer(source), source, true, options);
    }

    // ---- processors ----------------------------------------------------------------------------------------

    /** A processor: receives one item and emits zero or more. */
    public <I, O> PipelineBuilder processor(String stage, ProcessorFunction<I, O> body) {
        return processor(stage, body, StageOptions.none());
    }

    public <I, O> PipelineBuilder processor(String stage, ProcessorFunction<I, O> body, StageOptions options) {
        return add(stage, StageKind.PROCESSOR, StageBodies.processor(body), body, true, options);
    }

    /** A processor given as a function {@code item -> result}; a {@code null} result emits nothing. */
    public <I, O> PipelineBuilder processor(String stage, MapFunction<I, O> body) {
        return processor(stage, body, StageOptions.none());
    }

    public <I, O> PipelineBuilder processor(String stage, MapFunction<I, O> body, StageOptions options) {
        return add(stage, StageKind.PROCESSOR, StageBodies.processor(body), body, true, options);
    }

    // ---- accumulators --------------------------------------------------------------------------------------

    /** An accumulator without a body: emits each batch as a {@code List}. */
    public PipelineBuilder accumulator(String stage, StageOptions options) {
        return add(stage, StageKind.ACCUMULATOR, null, null, true, options);
    }

    /** An accumulator: buffers items and hands each batch to {@code body}. */
    public <I, O> PipelineBuilder accumulator(String stage, AccumulatorFunction<I, O> body) {
        return accumulator(stage, body, StageOptions.none());
    }

    public <I, O> PipelineBuilder accumulator(String stage, AccumulatorFunction<I, O> body, StageOptions options) {
        Objects.requireNonNull(body, "accumulator body");
        return add(stage, StageKind.ACCUMULATOR, StageBodies.accumulator(body), body, true, options);
    }

    // ---- consumers -----------------------------------------------------------------------------------------

    /** A consumer: receives one item and emits nothing. */
    public <I> PipelineBuilder consumer(String stage, ConsumerFunction<I> body) {
        return consumer(stage, body, StageOptions.none());
    }

    public <I> PipelineBuilder consumer(String stage, ConsumerFunction<I> body, StageOptions options) {
        return add(stage, StageKind.CONSUMER, StageBodies.consumer(body), body, false, options);
    }

    /** A consumer that may also emit. */
    public <I, O> PipelineBuilder consumer(String stage, EmittingConsumerFunction<I, O> body) {
        return consumer(stage, body, StageOptions.none());
    }

    public <I, O> PipelineBuilder consumer(String stage, EmittingConsumerFunction<I, O> body, StageOptions options) {
        return add(stage, StageKind.CONSUMER, StageBodies.consumer(body), body, true, options);
    }

    // ---- loop stages and nested pipelines ------------------------------------------------------------------

    /** A loop stage: its body reads its own input, for custom logic such as de-duplication or timed windows. */
    public <I, O> PipelineBuilder stage(String stage, LoopFunction<I, O> body) {
        return stage(stage, body, StageOptions.none());
    }

    public <I, O> PipelineBuilder stage(String stage, LoopFunction<I, O> body, StageOptions options) {
        Objects.requireNonNull(body, "stage body");
        return add(stage, StageKind.LOOP, body, body, true, options);
    }

    /** A nested pipeline: items from upstream enter its entry stages; items from its terminal stages leave it. */
    public PipelineBuilder pipeline(String stage, Consumer<PipelineBuilder> definition) {
        return pipeline(stage, definition, StageOptions.none());
    }

    public PipelineBuilder pipeline(String stage, Consumer<PipelineBuilder> definition, StageOptions options) {
        Objects.requireNonNull(definition, "nested pipeline definition");
        PipelineBuilder nested = new PipelineBuilder(stage);
        definition.accept(nested);
        return add(stage, StageKind.PIPELINE, nested.definition(), definition, true, options);
    }

    /** Adds an already-built stage definition (tests of the definition model). */
    PipelineBuilder stage(StageDefinition definition) {
        declared.stage(definition);
        return this;
    }

    // ---- hooks and rerouting -------------------------------------------------------------------------------

    /** Runs once before any stage of each run starts; a failure aborts the run. */
    public PipelineBuilder beforeRun(Hook hook) {
        return beforeRun(RunHook.of(hook));
    }

    public PipelineBuilder beforeRun(RunHook hook) {
        declared.beforeRun(hook);
        return this;
    }

    /** Runs once after each run, also when it failed. */
    public PipelineBuilder afterRun(Hook hook) {
        return afterRun(RunHook.of(hook));
    }

    public PipelineBuilder afterRun(RunHook hook) {
        declared.afterRun(hook);
        return this;
    }

    /** Runs once per run before the named stage's first item. */
    public PipelineBuilder before(String stage, Hook hook) {
        return before(stage, RunHook.of(hook));
    }

    public PipelineBuilder before(String stage, RunHook hook) {
        declared.before(stage, hook);
        return this;
    }

    /** Runs once per run after the named stage's last item. */
    public PipelineBuilder after(String stage, Hook hook) {
        return after(stage, RunHook.of(hook));
    }

    public PipelineBuilder after(String stage, RunHook hook) {
        declared.after(stage, hook);
        return this;
    }

    /**
     * Runs in the parent at each run of each PROCESS stage of this pipeline, before the stage starts its worker JVMs
     * (or takes them warm from an earlier run).
     */
    public PipelineBuilder beforeFork(Hook hook) {
        return beforeFork(RunHook.of(hook));
    }

    public PipelineBuilder beforeFork(RunHook hook) {
        declared.beforeFork(hook);
        return this;
    }

    /** Runs in the parent at each run of the named PROCESS stage, before it starts (or takes warm) worker JVMs. */
    public PipelineBuilder beforeFork(String stage, RunHook hook) {
        declared.beforeFork(stage, hook);
        return this;
    }

    /**
     * Runs inside each worker JVM of this pipeline's PROCESS stages, once, when it starts: a worker kept warm across
     * runs ({@link io.minigun.process.ProcessOptions#withKeepAlive}) does not run it again for later runs, and the
     * context it gets is the run that started the worker.
     */
    public PipelineBuilder afterFork(Hook hook) {
        return afterFork(RunHook.of(hook));
    }

    public PipelineBuilder afterFork(RunHook hook) {
        declared.afterFork(hook);
        return this;
    }

    /** Runs inside each worker JVM of the named PROCESS stage, once, when it starts (see {@link #afterFork(Hook)}). */
    public PipelineBuilder afterFork(String stage, RunHook hook) {
        declared.afterFork(stage, hook);
        return this;
    }

    /** Replaces the outgoing edges of {@code from} with edges to {@code to}, to skip or insert stages. */
    public PipelineBuilder reroute(String from, String... to) {
        Objects.requireNonNull(from, "reroute source");
        declared.reroute(new Reroute(from, Arrays.asList(Objects.requireNonNull(to, "reroute targets"))));
        return this;
    }

    // ---- building ------------------------------------------------------------------------------------------

    // ---- changing declared stages ------------------------------------------------------------------------

    /**
     * Applies options to a stage already declared, over its declared options: what {@code options} sets wins, edges
     * are added. This is how a front end overrides a declared pipeline from configuration:
     * {@code Minigun.builderOf(annotated).configure("parse", s -> s.threads(4)).build()}.
     *
     * @param stagePath the stage's name, or {@code nested/stage} for a stage of a nested pipeline
     * @throws PipelineDefinitionException when no stage has that path; the message lists the known paths
     */
    public PipelineBuilder configure(String stagePath, StageOptions options) {
        Objects.requireNonNull(stagePath, "stage path");
        Objects.requireNonNull(options, "stage options");
        StageSpec spec = new StageSpec();
        options.configure(spec);
        if (!declared.replaceStage(stagePath, stage -> stage.withConfig(spec.toConfigOver(stage.config())))) {
            throw new PipelineDefinitionException("Pipeline '" + declared.name() + "' has no stage '" + stagePath
                    + "'; its stages are " + declared.stagePaths());
        }
        return this;
    }

    /**
     * Gives every stage of this pipeline (not the stages of its nested pipelines) a recipe that tells its worker
     * JVMs, when it runs in the PROCESS context, how to obtain its code: the hook for front ends whose stages are not
     * serializable functions, such as the Spring starter's application beans.
     *
     * @param recipeOf the recipe of each stage, by stage name
     */
    public PipelineBuilder recipes(Function<String, ? extends StageRecipe> recipeOf) {
        Objects.requireNonNull(recipeOf, "recipes");
        declared.replaceStages(stage -> stage.kind() == StageKind.PIPELINE ? stage
                : stage.withRecipe(Objects.requireNonNull(recipeOf.apply(stage.name()), "recipe")));
        return this;
    }

    /** The pipeline exactly as declared so far. */
    PipelineDefinition definition() {
        return declared.definition();
    }

    /**
     * Wires, validates and plans the pipeline.
     *
     * @throws PipelineDefinitionException naming the pipeline, the stage(s) and the fix, when the definition is wrong
     */
    public Pipeline build() {
        PipelineExecutor runner = executor != null ? executor : PipelineExecutor.shared();
        PipelineDefinition definition = definition();
        return new Pipeline(definition, runner.planOf(definition), runner);
    }

    private PipelineBuilder add(String stage, StageKind kind, @Nullable Object body, @Nullable Object userCode,
                                boolean emits, StageOptions options) {
        Objects.requireNonNull(options, "stage options");
        StageSpec spec = new StageSpec();
        options.configure(spec);
        Class<?> inputType = kind == StageKind.LOOP || kind == StageKind.ACCUMULATOR ? null
                : LambdaTypes.inputType(userCode);
        declared.stage(new StageDefinition(stage, kind, body, userCode, emits, spec.toConfig(), inputType, null));
        return this;
    }
}
