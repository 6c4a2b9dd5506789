package io.minigun;

import io.minigun.execution.Plans;
import io.minigun.internal.definition.GraphNode;
import io.minigun.execution.ExecutionPlan;
import io.minigun.execution.PipelineExecutor;
import io.minigun.internal.plan.StagePlan;
import io.minigun.stats.StageStats;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The execution plan of SPEC §4.2 and §5: colocation rules one by one, resolved context types, worker counts, queue
 * capacities, named contexts, forceInline, describe() and toMermaid(). Almost everything is checked on the plan
 * alone, without running.
 */
@Timeout(30)
class PlanTest {

    private static ProducerFunction<Integer> range(int from, int to) {
        return out -> {
            for (int i = from; i < to; i++) {
                out.emit(i);
            }
        };
    }

    private static PipelineBuilder gen(String name) {
        return Minigun.pipeline(name).producer("gen", range(0, 10));
    }

    private static void assumeVirtualThreads() {
        assumeTrue(Runtime.version().feature() >= 21, "virtual threads need Java 21+");
    }

    private static void assertIndependent(ExecutionPlan plan, String stage) {
        assertThat(plan.isColocated(stage)).as(stage + " colocated").isFalse();
        assertThat(plan.colocatedWith(stage)).as(stage + " colocatedWith").isEmpty();
    }

    private static void assertColocated(ExecutionPlan plan, String stage, String with) {
        assertThat(plan.isColocated(stage)).as(stage + " colocated").isTrue();
        assertThat(plan.colocatedWith(stage)).as(stage + " colocatedWith").contains(with);
        assertThat(plan.queueCapacity(stage)).as(stage + " queue").isZero();
        assertThat(plan.workers(stage)).as(stage + " workers").isEqualTo(1);
    }

    // ---- colocation rules ------------------------------------------------------------------------------------

    @Nested
    class Colocation {
        @Test
        void aSingleUpstreamOrdinarySingleWorkerStageIsColocated() {
            ExecutionPlan plan = gen("fuse")
                    .processor("a", (Integer n) -> n)
                    .processor("b", (Integer n) -> n)
                    .consumer("c", (Integer n) -> { })
                    .build().plan();
            assertColocated(plan, "a", "gen");
            assertColocated(plan, "b", "a");
            assertColocated(plan, "c", "b");
            assertThat(plan.contextType("a")).isEqualTo(ContextType.THREAD);
            assertThat(plan.contextType("c")).isEqualTo(ContextType.THREAD);
            assertIndependent(plan, "gen");
        }

        @Test
        void notAfterAMultiWorkerThreadPool() {
            ExecutionPlan plan = gen("afterPool")
                    .processor("pool", (Integer n) -> n, s -> s.threads(4))
                    .consumer("next", (Integer n) -> { })
                    .build().plan();
            assertIndependent(plan, "pool");
            assertIndependent(plan, "next");
            assertThat(plan.workers("pool")).isEqualTo(4);
            assertThat(plan.workers("next")).isEqualTo(1);
            assertThat(plan.contextType("next")).isEqualTo(ContextType.THREAD);
            assertThat(plan.queueCapacity("next")).isEqualTo(1000);
        }

        @Test
        void afterASingleThreadedThreadStageTheNextStageIsColocated() {
            ExecutionPlan plan = gen("afterOne")
                    .processor("one", (Integer n) -> n, s -> s.threads(1))
                    .consumer("next", (Integer n) -> { })
                    .build().plan();
            assertIndependent(plan, "one");
            assertColocated(plan, "next", "one");
        }

        @Test
        void notAfterAFanOut() {
            ExecutionPlan plan = gen("fanOut")
                    .processor("split", (Integer n) -> n, s -> s.to("a", "b"))
                    .consumer("a", (Integer n) -> { })
                    .consumer("b", (Integer n) -> { })
                    .build().plan();
            assertColocated(plan, "split", "gen");
            assertIndependent(plan, "a");
            assertIndependent(plan, "b");
            assertThat(plan.queueCapacity("a")).isEqualTo(1000);
        }

        @Test
        void notAfterARoundRobinFanOut() {
            ExecutionPlan plan = Minigun.pipeline("rrOut")
                    .producer("gen", range(0, 4), s -> s.to("a", "b").routing(Routing.ROUND_ROBIN))
                    .consumer("a", (Integer n) -> { })
                    .consumer("b", (Integer n) -> { })
                    .build().plan();
            assertIndependent(plan, "a");
            assertIndependent(plan, "b");
        }

        @Test
        void notWithTwoUpstreams() {
            ExecutionPlan plan = Minigun.pipeline("twoUp")
                    .producer("g1", range(0, 3))
                    .producer("g2", range(0, 3))
                    .consumer("merge", (Integer n) -> { })
                    .build().plan();
            assertThat(Plans.of(plan).graph().nodes().stream().filter(n -> n.name().equals("merge")).findFirst()
                    .orElseThrow().upstream()).hasSize(2);
            assertIndependent(plan, "merge");
        }

        @Test
        void notAtTheMergeOfADiamond() {
            ExecutionPlan plan = Minigun.pipeline("diamond")
                    .producer("src", range(0, 3), s -> s.to("l", "r"))
                    .processor("l", (Integer n) -> n, s -> s.to("merge"))
                    .processor("r", (Integer n) -> n, s -> s.to("merge"))
                    .consumer("merge", (Integer n) -> { })
                    .build().plan();
            assertIndependent(plan, "l");
            assertIndependent(plan, "r");
            assertIndependent(plan, "merge");
        }

        @Test
        void notAcrossANestedPipelineBoundary() {
            ExecutionPlan plan = gen("boundary")
                    .pipeline("inner", n -> n
                            .processor("x", (Integer i) -> i)
                            .processor("y", (Integer i) -> i))
                    .consumer("after", (Integer n) -> { })
                    .build().plan();
            assertIndependent(plan, "x");
            assertColocated(plan, "y", "x");
            assertIndependent(plan, "after");
            assertThat(plan.queueCapacity("x")).isEqualTo(1000);
            assertThat(plan.queueCapacity("after")).isEqualTo(1000);
        }

        @Test
        void notAfterANestedPipelineWithASingleTerminal() {
            ExecutionPlan plan = gen("exit")
                    .processor("before", (Integer n) -> n)
                    .pipeline("inner", n -> n.processor("only", (Integer i) -> i))
                    .consumer("after", (Integer n) -> { })
                    .build().plan();
            assertColocated(plan, "before", "gen");
            assertIndependent(plan, "only");
            assertIndependent(plan, "after");
        }

        static Stream<Arguments> placementOptions() {
            return Stream.of(
                    Arguments.of("threads(1)", (StageOptions) s -> s.threads(1)),
                    Arguments.of("threads(2)", (StageOptions) s -> s.threads(2)),
                    Arguments.of("poolSize(1)", (StageOptions) s -> s.poolSize(1)),
                    Arguments.of("concurrency(THREAD)", (StageOptions) s -> s.concurrency(ContextType.THREAD)),
                    Arguments.of("concurrency(THREAD).poolSize(1)",
                            (StageOptions) s -> s.concurrency(ContextType.THREAD).poolSize(1)),
                    Arguments.of("context(pool)", (StageOptions) s -> s.context("pool")),
                    Arguments.of("affinity(INDEPENDENT)", (StageOptions) s -> s.affinity(Affinity.INDEPENDENT)));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("placementOptions")
        void notWhenTheStageDeclaresWhereItRuns(String label, StageOptions options) {
            ExecutionPlan plan = gen("declares")
                    .context("pool", ContextType.THREAD, 2)
                    .processor("a", (Integer n) -> n)
                    .processor("b", (Integer n) -> n, options)
                    .consumer("c", (Integer n) -> { })
                    .build().plan();
            assertColocated(plan, "a", "gen");
            assertIndependent(plan, "b");
            assertThat(plan.queueCapacity("b")).isEqualTo(1000);
        }

        @Test
        void affinityIndependentGivesAnOwnThreadAndQueue() {
            ExecutionPlan plan = gen("indep")
                    .processor("a", (Integer n) -> n, s -> s.affinity(Affinity.INDEPENDENT))
                    .consumer("c", (Integer n) -> { })
                    .build().plan();
            assertIndependent(plan, "a");
            assertThat(plan.contextType("a")).isEqualTo(ContextType.THREAD);
            assertThat(plan.workers("a")).isEqualTo(1);
            assertThat(plan.queueCapacity("a")).isEqualTo(1000);
            assertColocated(plan, "c", "a");
        }

        @Test
        void inlineFalseColocatesNothing() {
            ExecutionPlan plan = gen("noInline")
                    .concurrency(c -> c.inline(false))
                    .processor("a", (Integer n) -> n)
                    .processor("b", (Integer n) -> n)
                    .accumulator("batch", s -> s.maxSize(5))
                    .consumer("c", (List<Integer> n) -> { })
                    .pipeline("inner", n -> n.processor("x", (Integer i) -> i).processor("y", (Integer i) -> i))
                    .build().plan();
            for (String stage : List.of("a", "b", "batch", "c", "x", "y")) {
                assertIndependent(plan, stage);
                assertThat(plan.contextType(stage)).as(stage).isEqualTo(ContextType.THREAD);
                assertThat(plan.workers(stage)).as(stage).isEqualTo(1);
                assertThat(plan.queueCapacity(stage)).as(stage).isEqualTo(1000);
            }
            assertThat(Plans.of(plan).stages()).noneMatch(s -> s.placement() == io.minigun.internal.plan.Placement.COLOCATED);
        }

        @Test
        void inlineFalseInANestedPipelineOnlyAffectsThatPipeline() {
            ExecutionPlan plan = gen("scoped")
                    .processor("a", (Integer n) -> n)
                    .pipeline("inner", n -> n
                            .concurrency(c -> c.inline(false))
                            .processor("x", (Integer i) -> i)
                            .processor("y", (Integer i) -> i))
                    .build().plan();
            assertColocated(plan, "a", "gen");
            assertIndependent(plan, "y");
        }

        @Test
        void notForAnAwaitStage() {
            ExecutionPlan plan = gen("await")
                    .processor("a", (Integer n) -> n)
                    .consumer("save", (Integer n) -> { })
                    .consumer("dyn", (Integer n) -> { }, s -> s.await(true).from("a"))
                    .build().plan();
            assertThat(Plans.of(plan).graph().nodes().stream().filter(n -> n.name().equals("dyn")).findFirst()
                    .orElseThrow().upstream()).hasSize(1);
            assertIndependent(plan, "dyn");
            assertThat(plan.queueCapacity("dyn")).isEqualTo(1000);
        }

        @Test
        void anAwaitStageWithoutStaticUpstreamIsIndependent() {
            ExecutionPlan plan = gen("await2")
                    .processor("route", (Integer n, Output<Integer> out) -> out.to("dyn").emit(n))
                    .consumer("dyn", (Integer n) -> { }, s -> s.await(true))
                    .build().plan();
            assertIndependent(plan, "dyn");
            assertThat(plan.contextType("dyn")).isEqualTo(ContextType.THREAD);
        }

        @Test
        void notForAnAccumulatorWithMaxWait() {
            ExecutionPlan plan = gen("timed")
                    .accumulator("batch", s -> s.maxSize(10).maxWait(Duration.ofMillis(100)))
                    .consumer("save", (List<Integer> b) -> { })
                    .build().plan();
            assertIndependent(plan, "batch");
            assertThat(plan.queueCapacity("batch")).isEqualTo(1000);
        }

        /**
         * An accumulator with maxWait needs a thread that can wake up when no item arrives; SPEC §3.1 / issue 2
         * point 10: the timer flush works even when no new item arrives. Declared INLINE it has none, so the plan must
         * either reject the combination at build() or still flush on time.
         */
        @Test
        void anInlineAccumulatorWithMaxWaitIsRejectedOrStillFlushesOnTime() throws Exception {
            java.util.concurrent.CountDownLatch flushed = new java.util.concurrent.CountDownLatch(1);
            boolean[] flushedWhileProducerWaited = new boolean[1];
            PipelineBuilder builder = Minigun.pipeline("inlineTimed")
                    .producer("gen", out -> {
                        for (int i = 0; i < 3; i++) {
                            out.emit(i);
                        }
                        flushedWhileProducerWaited[0] = flushed.await(3, java.util.concurrent.TimeUnit.SECONDS);
                    })
                    .accumulator("batch", s -> s.concurrency(ContextType.INLINE).maxWait(Duration.ofMillis(50)))
                    .consumer("save", (List<Integer> b) -> flushed.countDown());
            Pipeline p;
            try {
                p = builder.build();
            } catch (PipelineDefinitionException rejected) {
                assertThat(rejected.getMessage()).contains("inlineTimed").contains("batch").contains("maxWait");
                return;
            }
            RunResult r = p.run();
            assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(flushedWhileProducerWaited[0])
                    .as("maxWait flush happened while no new item arrived (plan: %s)", p.plan().describe())
                    .isTrue();
        }

        @Test
        void anAccumulatorWithoutMaxWaitIsColocated() {
            ExecutionPlan plan = gen("sized")
                    .accumulator("batch", s -> s.maxSize(10))
                    .consumer("save", (List<Integer> b) -> { })
                    .build().plan();
            assertColocated(plan, "batch", "gen");
            assertColocated(plan, "save", "batch");
        }

        @Test
        void notAfterAVirtualStageWhoseThreadsDrainItInstead() {
            assumeVirtualThreads();
            ExecutionPlan plan = gen("afterVirtual")
                    .processor("v", (Integer n) -> n, s -> s.concurrency(ContextType.VIRTUAL).poolSize(1))
                    .consumer("next", (Integer n) -> { })
                    .build().plan();
            assertIndependent(plan, "v");
            assertIndependent(plan, "next");
            // drained on v's virtual threads, one item at a time: it runs on virtual threads, and says so
            assertThat(plan.stage("next").placement()).isEqualTo("drain");
            assertThat(plan.contextType("next")).isEqualTo(ContextType.VIRTUAL);
            assertThat(plan.workers("next")).isEqualTo(1);
        }

        @Test
        void notAfterANamedContextStage() {
            ExecutionPlan plan = gen("afterNamed")
                    .context("pool", ContextType.THREAD, 1)
                    .processor("p", (Integer n) -> n, s -> s.context("pool"))
                    .consumer("next", (Integer n) -> { })
                    .build().plan();
            assertIndependent(plan, "p");
            assertIndependent(plan, "next");
        }
    }

    // ---- context types --------------------------------------------------------------------------------------

    @Nested
    class ContextTypes {
        @Test
        void aColocatedStageReportsItsUpstreamsType() {
            ExecutionPlan plan = gen("inherit")
                    .processor("in", (Integer n) -> n, s -> s.concurrency(ContextType.INLINE))
                    .consumer("after", (Integer n) -> { })
                    .build().plan();
            assertThat(plan.contextType("in")).isEqualTo(ContextType.INLINE);
            assertThat(plan.queueCapacity("in")).isZero();
            assertThat(plan.workers("in")).isEqualTo(1);
            assertColocated(plan, "after", "in");
            assertThat(plan.contextType("after")).isEqualTo(ContextType.INLINE);
        }

        @Test
        void anIndependentAutoStageIsThread() {
            ExecutionPlan plan = Minigun.pipeline("auto")
                    .producer("g1", range(0, 3))
                    .producer("g2", range(0, 3))
                    .consumer("merge", (Integer n) -> { })
                    .build().plan();
            assertThat(plan.contextType("merge")).isEqualTo(ContextType.THREAD);
            assertThat(plan.workers("merge")).isEqualTo(1);
            assertThat(plan.contextType("g1")).isEqualTo(ContextType.THREAD);
        }

        @Test
        void virtualStageOnJava21Plus() {
            assumeVirtualThreads();
            ExecutionPlan plan = gen("virtual")
                    .concurrency(c -> c.virtualThreads(64))
                    .processor("v", (Integer n) -> n, s -> s.concurrency(ContextType.VIRTUAL))
                    .processor("v2", (Integer n) -> n, s -> s.concurrency(ContextType.VIRTUAL).poolSize(8))
                    .build().plan();
            assertThat(plan.contextType("v")).isEqualTo(ContextType.VIRTUAL);
            assertThat(plan.workers("v")).isEqualTo(64);
            assertThat(plan.workers("v2")).isEqualTo(8);
            assertThat(plan.contextTypes()).contains(ContextType.VIRTUAL, ContextType.THREAD);
        }

        @Test
        void contextTypesListsWhatThePlanUses() {
            assertThat(gen("ct1").processor("a", (Integer n) -> n).build().plan().contextTypes())
                    .containsExactly(ContextType.THREAD);
            assertThat(gen("ct2").processor("a", (Integer n) -> n, s -> s.concurrency(ContextType.INLINE))
                    .processor("b", (Integer n) -> n, s -> s.threads(3)).build().plan().contextTypes())
                    .containsExactlyInAnyOrder(ContextType.THREAD, ContextType.INLINE);
        }

        @Test
        void namedContextTypeAndSize() {
            ExecutionPlan plan = gen("named")
                    .context("io", ContextType.THREAD, 8)
                    .processor("fetch", (Integer n) -> n, s -> s.context("io"))
                    .processor("store", (Integer n) -> n, s -> s.context("io"))
                    .build().plan();
            for (String stage : List.of("fetch", "store")) {
                assertThat(plan.contextType(stage)).isEqualTo(ContextType.THREAD);
                assertThat(plan.workers(stage)).isEqualTo(8);
                assertThat(Plans.of(plan).stage(stage).contextName()).isEqualTo("io");
                assertIndependent(plan, stage);
            }
            assertThat(plan.describe()).contains("context=io");
        }

        @Test
        void namedInlineContext() {
            ExecutionPlan plan = gen("namedInline")
                    .context("here", ContextType.INLINE, 1)
                    .processor("p", (Integer n) -> n, s -> s.context("here"))
                    .build().plan();
            assertThat(plan.contextType("p")).isEqualTo(ContextType.INLINE);
            assertThat(Plans.of(plan).stage("p").contextName()).isEqualTo("here");
        }

        @Test
        void namedVirtualContextOnJava21Plus() {
            assumeVirtualThreads();
            ExecutionPlan plan = gen("namedVirtual")
                    .context("vt", ContextType.VIRTUAL, 32)
                    .processor("p", (Integer n) -> n, s -> s.context("vt"))
                    .build().plan();
            assertThat(plan.contextType("p")).isEqualTo(ContextType.VIRTUAL);
            assertThat(plan.workers("p")).isEqualTo(32);
        }
    }

    // ---- workers and queues ------------------------------------------------------------------------------------

    @Nested
    class WorkersAndQueues {
        @Test
        void workerCounts() {
            ExecutionPlan plan = gen("workers")
                    .processor("four", (Integer n) -> n, s -> s.threads(4))
                    .processor("threadDefault", (Integer n) -> n, s -> s.concurrency(ContextType.THREAD))
                    .processor("pool3", (Integer n) -> n, s -> s.concurrency(ContextType.THREAD).poolSize(3))
                    .processor("poolOnly", (Integer n) -> n, s -> s.poolSize(2))
                    .processor("auto", (Integer n) -> n, s -> s.affinity(Affinity.INDEPENDENT))
                    .consumer("fused", (Integer n) -> { })
                    .build().plan();
            assertThat(plan.workers("four")).isEqualTo(4);
            assertThat(plan.contextType("four")).isEqualTo(ContextType.THREAD);
            assertThat(plan.workers("threadDefault")).isEqualTo(5);
            assertThat(plan.workers("pool3")).isEqualTo(3);
            assertThat(plan.workers("poolOnly")).isEqualTo(2);
            assertThat(plan.contextType("poolOnly")).isEqualTo(ContextType.THREAD);
            assertThat(plan.workers("auto")).isEqualTo(1);
            assertThat(plan.workers("fused")).isEqualTo(1);
            assertThat(plan.workers("gen")).isEqualTo(1);
        }

        @Test
        void concurrencyThreadsChangesTheThreadDefault() {
            ExecutionPlan plan = gen("threads10")
                    .concurrency(c -> c.threads(10))
                    .processor("pool", (Integer n) -> n, s -> s.concurrency(ContextType.THREAD))
                    .processor("explicit", (Integer n) -> n, s -> s.threads(4))
                    .processor("auto", (Integer n) -> n)
                    .build().plan();
            assertThat(plan.workers("pool")).isEqualTo(10);
            assertThat(plan.workers("explicit")).isEqualTo(4);
            assertThat(plan.workers("auto")).as("AUTO stages keep one worker").isEqualTo(1);
        }

        @Test
        void nestedPipelinesInheritAndOverrideConcurrencyDefaults() {
            ExecutionPlan plan = gen("inheritThreads")
                    .concurrency(c -> c.threads(7))
                    .pipeline("inherits", n -> n.processor("a", (Integer i) -> i, s -> s.concurrency(ContextType.THREAD)))
                    .pipeline("overrides", n -> n
                            .concurrency(c -> c.threads(2))
                            .processor("b", (Integer i) -> i, s -> s.concurrency(ContextType.THREAD)))
                    .build().plan();
            assertThat(plan.workers("a")).isEqualTo(7);
            assertThat(plan.workers("b")).isEqualTo(2);
        }

        @Test
        void queueCapacities() {
            ExecutionPlan plan = gen("queues")
                    .concurrency(c -> c.inline(false))
                    .processor("dflt", (Integer n) -> n)
                    .processor("small", (Integer n) -> n, s -> s.queueSize(7))
                    .processor("huge", (Integer n) -> n, StageSpec::unbounded)
                    .consumer("save", (Integer n) -> { })
                    .build().plan();
            assertThat(plan.queueCapacity("dflt")).isEqualTo(1000);
            assertThat(plan.queueCapacity("small")).isEqualTo(7);
            assertThat(plan.queueCapacity("huge")).isEqualTo(Integer.MAX_VALUE);
            assertThat(plan.queueCapacity("save")).isEqualTo(1000);
            assertThat(plan.describe()).contains("queue=unbounded").contains("queue=7");
        }

        @Test
        void pipelineQueueSizeIsTheDefaultOfItsStagesAndNestedPipelines() {
            ExecutionPlan plan = gen("pqs")
                    .queueSize(50)
                    .processor("a", (Integer n) -> n, s -> s.threads(2))
                    .processor("b", (Integer n) -> n, s -> s.threads(2).queueSize(9))
                    .pipeline("inherits", n -> n.processor("x", (Integer i) -> i))
                    .pipeline("overrides", n -> n.queueSize(20).processor("y", (Integer i) -> i))
                    .build().plan();
            assertThat(plan.queueCapacity("a")).isEqualTo(50);
            assertThat(plan.queueCapacity("b")).isEqualTo(9);
            assertThat(plan.queueCapacity("x")).isEqualTo(50);
            assertThat(plan.queueCapacity("y")).isEqualTo(20);
        }

        @Test
        void colocatedStagesHaveNoQueue() {
            ExecutionPlan plan = gen("noQueue")
                    .processor("a", (Integer n) -> n)
                    .consumer("b", (Integer n) -> { })
                    .build().plan();
            assertThat(plan.queueCapacity("a")).isZero();
            assertThat(plan.queueCapacity("b")).isZero();
            assertThat(Plans.of(plan).stage("a").hasQueue()).isFalse();
        }

        @Test
        void producersHaveNoInputQueue() {
            ExecutionPlan plan = gen("prodQueue").consumer("c", (Integer n) -> { }).build().plan();
            assertThat(plan.queueCapacity("gen")).isZero();
        }

        @Test
        void executorDefaultsAreInherited() {
            PipelineSettings defaults = new PipelineSettings(
                    new ConcurrencySettings(9, 2, 256, 0, Duration.ofMillis(100), true, false), 300,
                    ErrorPolicy.CONTINUE, Map.of());
            try (PipelineExecutor executor = new PipelineExecutor(defaults)) {
                ExecutionPlan plan = gen("execDefaults")
                        .executor(executor)
                        .processor("pool", (Integer n) -> n, s -> s.concurrency(ContextType.THREAD))
                        .consumer("c", (Integer n) -> { })
                        .build().plan();
                assertThat(plan.workers("pool")).isEqualTo(9);
                assertThat(plan.queueCapacity("pool")).isEqualTo(300);
            }
        }
    }

    // ---- forceInline -------------------------------------------------------------------------------------------

    @Nested
    class ForceInline {
        @Test
        void everythingRunsOnTheCallersThread() {
            ExecutionPlan plan = gen("forced")
                    .concurrency(c -> c.forceInline(true))
                    .processor("pool", (Integer n) -> n, s -> s.threads(4))
                    .processor("indep", (Integer n) -> n, s -> s.affinity(Affinity.INDEPENDENT))
                    .consumer("save", (Integer n) -> { })
                    .build().plan();
            assertThat(plan.isForceInline()).isTrue();
            assertThat(plan.contextTypes()).containsExactly(ContextType.INLINE);
            for (String stage : List.of("gen", "pool", "indep", "save")) {
                assertThat(plan.contextType(stage)).as(stage).isEqualTo(ContextType.INLINE);
                assertThat(plan.workers(stage)).as(stage).isEqualTo(1);
                assertThat(plan.queueCapacity(stage)).as(stage).isZero();
            }
            assertThat(plan.describe()).contains("forceInline");
        }

        @Test
        void forceInlineRunsOnTheCallingThreadInTheSameOrderEveryTime() {
            List<String> threads = new CopyOnWriteArrayList<>();
            List<Integer> order = new CopyOnWriteArrayList<>();
            Pipeline p = Minigun.pipeline("deterministic")
                    .concurrency(c -> c.forceInline(true))
                    .producer("a", range(0, 20))
                    .producer("b", range(100, 120))
                    .processor("pool", (Integer n) -> {
                        threads.add(Thread.currentThread().getName());
                        return n;
                    }, s -> s.threads(4))
                    .consumer("save", (Integer n) -> order.add(n))
                    .build();
            String caller = Thread.currentThread().getName();
            p.run();
            List<Integer> first = new ArrayList<>(order);
            assertThat(first).hasSize(40);
            assertThat(threads).containsOnly(caller);
            for (int i = 0; i < 3; i++) {
                order.clear();
                p.run();
                assertThat(order).containsExactlyElementsOf(first);
            }
        }

        @Test
        void forceInlineIsNotTheDefault() {
            assertThat(gen("notForced").consumer("c", (Integer n) -> { }).build().plan().isForceInline()).isFalse();
        }
    }

    // ---- describing the plan ---------------------------------------------------------------------------------

    @Nested
    class Describe {
        private Pipeline sample() {
            return gen("shop")
                    .processor("double", (Integer n) -> n * 2, s -> s.threads(4))
                    .processor("check", (Integer n) -> n)
                    .pipeline("enrich", n -> n
                            .processor("lookup", (Integer i) -> i)
                            .processor("tag", (Integer i) -> i))
                    .accumulator("batch", s -> s.maxSize(20))
                    .consumer("save", (List<Integer> b) -> { })
                    .build();
        }

        @Test
        void describeListsEveryStageWithItsPlacement() {
            ExecutionPlan plan = sample().plan();
            String text = plan.describe();
            assertThat(text).contains("shop");
            for (String stage : List.of("gen", "double", "check", "lookup", "tag", "batch", "save")) {
                assertThat(text).as("describe() mentions " + stage).contains(stage);
            }
            assertThat(text).contains("workers=4").contains("queue=1000").contains("THREAD").contains("colocated");
            List<String> lines = text.lines().toList();
            assertThat(lines.size()).isGreaterThanOrEqualTo(1 + 7);
            assertThat(plan.toString()).isEqualTo(text);
        }

        @Test
        void describeListsStagesInTopologicalOrder() {
            String text = sample().plan().describe();
            int previous = -1;
            for (String stage : List.of(" gen ", " double ", " check ", "enrich/lookup", "enrich/tag", " batch ",
                    " save ")) {
                int at = text.indexOf(stage);
                assertThat(at).as(stage).isGreaterThan(previous);
                previous = at;
            }
        }

        @Test
        void mermaidHasOneNodePerStageAndOneArrowPerEdge() {
            ExecutionPlan plan = gen("chart")
                    .processor("double", (Integer n) -> n * 2, s -> s.threads(4))
                    .processor("check", (Integer n) -> n, s -> s.to("a", "b"))
                    .consumer("a", (Integer n) -> { })
                    .consumer("b", (Integer n) -> { })
                    .build().plan();
            String chart = plan.toMermaid();
            assertThat(chart).startsWith("flowchart");
            List<String> nodeLines = chart.lines().filter(l -> l.matches("\\s*n\\d+[\\[({].*")).toList();
            assertThat(nodeLines).hasSize(5);
            for (String stage : List.of("gen", "double", "check", "a", "b")) {
                assertThat(nodeLines).as(stage).anyMatch(l -> l.contains("\"" + stage + "<br/>")
                        || l.contains("\"" + stage + "\""));
            }
            long arrows = chart.lines().filter(l -> l.contains("-->") || l.contains("==>")).count();
            long edges = Plans.of(plan).graph().nodes().stream().mapToLong(n -> n.downstream().size()).sum();
            assertThat(arrows).isEqualTo(edges).isEqualTo(4);
            assertThat(chart).contains("×4");
        }

        @Test
        void mermaidMarksFusedEdges() {
            ExecutionPlan plan = gen("fusedChart")
                    .processor("a", (Integer n) -> n)
                    .processor("b", (Integer n) -> n, s -> s.affinity(Affinity.INDEPENDENT))
                    .build().plan();
            String chart = plan.toMermaid();
            int gen = idOf(plan, "gen");
            int a = idOf(plan, "a");
            int b = idOf(plan, "b");
            assertThat(chart).contains("n" + gen + " ==> n" + a).contains("n" + a + " --> n" + b);
        }

        @Test
        void mermaidOfANestedPipelineHasANodeForEveryStage() {
            ExecutionPlan plan = sample().plan();
            String chart = plan.toMermaid();
            Pattern node = Pattern.compile("^\\s*n(\\d+)[\\[({]", Pattern.MULTILINE);
            Matcher m = node.matcher(chart);
            int count = 0;
            while (m.find()) {
                count++;
            }
            // 7 stages plus the nested pipeline itself (its entrance)
            assertThat(count).isEqualTo(Plans.of(plan).graph().nodes().size()).isEqualTo(8);
            for (String stage : List.of("gen", "double", "check", "lookup", "tag", "batch", "save", "enrich")) {
                assertThat(chart).contains("\"" + stage);
            }
        }

        @Test
        void stagesAndGraphAreConsistent() {
            ExecutionPlan plan = sample().plan();
            List<StagePlan> stages = Plans.of(plan).stages();
            assertThat(stages).hasSameSizeAs(Plans.of(plan).graph().nodes());
            for (GraphNode node : Plans.of(plan).graph().nodes()) {
                StagePlan sp = stages.get(node.id());
                assertThat(sp.nodeId()).isEqualTo(node.id());
                assertThat(sp.name()).isEqualTo(node.name());
                for (int down : node.downstream()) {
                    assertThat(Plans.of(plan).graph().node(down).upstream()).contains(node.id());
                }
            }
            assertThat(plan.pipelineName()).isEqualTo("shop");
            assertThat(Plans.of(plan).stage("lookup").pipeline()).isEqualTo("shop/enrich");
            assertThatThrownBy(() -> stages.add(stages.get(0))).isInstanceOf(UnsupportedOperationException.class);
            assertThat(Plans.of(plan).graph().topologicalOrder()).hasSameSizeAs(Plans.of(plan).graph().nodes());
        }

        @Test
        void unknownStageNameInPlanQueriesNamesTheStage() {
            ExecutionPlan plan = sample().plan();
            assertThatThrownBy(() -> plan.workers("nope")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("nope");
        }

        @Test
        void thePlanIsBuiltOnceAndReused() {
            Pipeline p = sample();
            assertThat(p.plan()).isSameAs(p.plan());
            assertThat(p.name()).isEqualTo("shop");
        }

        private int idOf(ExecutionPlan plan, String stage) {
            return Plans.of(plan).stage(stage).nodeId();
        }
    }

    // ---- colocation does not change what users observe ---------------------------------------------------------

    @Test
    void aColocatedChainAndItsIndependentTwinGiveTheSameResultsAndStats() {
        List<List<Integer>> outputs = new ArrayList<>();
        List<List<String>> stats = new ArrayList<>();
        for (boolean inline : new boolean[] {true, false}) {
            List<Integer> out = new CopyOnWriteArrayList<>();
            Pipeline p = Minigun.pipeline("twin")
                    .concurrency(c -> c.inline(inline))
                    .producer("gen", range(0, 250))
                    .processor("double", (Integer n) -> n * 2)
                    .processor("dropOdd", (Integer n, Output<Integer> o) -> {
                        if (n % 4 == 0) {
                            o.emit(n);
                        }
                    })
                    .accumulator("batch", s -> s.maxSize(10))
                    .consumer("save", (List<Integer> b) -> out.addAll(b))
                    .build();
            assertThat(p.plan().isColocated("double")).isEqualTo(inline);
            RunResult r = p.run();
            assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
            outputs.add(out);
            List<String> lines = new ArrayList<>();
            for (StageStats s : r.stats().stages()) {
                lines.add(s.name() + " p=" + s.produced() + " c=" + s.consumed() + " ok=" + s.succeeded()
                        + " f=" + s.failed() + " d=" + s.discarded());
            }
            stats.add(lines);
        }
        assertThat(outputs.get(0)).hasSize(125).containsExactlyElementsOf(outputs.get(1));
        assertThat(stats.get(0)).containsExactlyElementsOf(stats.get(1));
        assertThat(stats.get(0)).contains("batch p=13 c=125 ok=125 f=0 d=0");
    }

    @Test
    void contextTypesOfADefaultPipeline() {
        assertThat(gen("dflt").consumer("c", (Integer n) -> { }).build().plan().contextTypes())
                .isEqualTo(EnumSet.of(ContextType.THREAD));
    }
}
