package io.minigun;

import io.minigun.execution.Plans;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every definition error of SPEC §3.2 and §5: each is a {@link PipelineDefinitionException} thrown by
 * {@code build()} whose message names the pipeline, the stage(s) and a fix.
 */
@Timeout(30)
class DefinitionErrorsTest {

    private static PipelineDefinitionException definitionError(PipelineBuilder builder) {
        Throwable thrown = catchThrowable(builder::build);
        assertThat(thrown).as("build() must reject this definition").isInstanceOf(PipelineDefinitionException.class);
        assertThat(thrown.getMessage()).as("message").isNotBlank();
        return (PipelineDefinitionException) thrown;
    }

    private static void assumeJavaBelow(int release) {
        assumeTrue(Runtime.version().feature() < release, "runs only below Java " + release);
    }

    private static void assumeJavaAtLeast(int release) {
        assumeTrue(Runtime.version().feature() >= release, "runs only on Java " + release + "+");
    }

    private static PipelineBuilder gen(String pipeline) {
        return Minigun.pipeline(pipeline).producer("gen", out -> out.emit(1));
    }

    // ---- cycles ------------------------------------------------------------------------------------------------

    @Nested
    class Cycles {
        @Test
        void threeStageCycleShowsThePath() {
            PipelineBuilder b = gen("cyc")
                    .processor("a", (Integer n) -> n, s -> s.to("b"))
                    .processor("b", (Integer n) -> n, s -> s.to("c"))
                    .processor("c", (Integer n) -> n, s -> s.to("a"));
            String m = definitionError(b).getMessage();
            assertThat(m).contains("'cyc'").contains("a -> b -> c -> a").containsIgnoringCase("cycle");
            assertThat(m).as("suggests a fix").containsAnyOf("remove", "dynamic");
        }

        @Test
        void twoStageCycle() {
            PipelineBuilder b = gen("cyc2")
                    .processor("a", (Integer n) -> n, s -> s.to("b"))
                    .processor("b", (Integer n) -> n, s -> s.to("a"));
            String m = definitionError(b).getMessage();
            assertThat(m).contains("cyc2").contains("a -> b -> a");
        }

        @Test
        void selfLoop() {
            PipelineBuilder b = gen("selfish")
                    .processor("a", (Integer n) -> n, s -> s.to("a"))
                    .consumer("c", (Integer n) -> { });
            String m = definitionError(b).getMessage();
            assertThat(m).contains("selfish").contains("a -> a").containsIgnoringCase("cycle");
        }

        @Test
        void cycleCreatedThroughFrom() {
            PipelineBuilder b = gen("viaFrom")
                    .processor("a", (Integer n) -> n, s -> s.to("b").from("b"))
                    .processor("b", (Integer n) -> n);
            String m = definitionError(b).getMessage();
            assertThat(m).contains("viaFrom").containsIgnoringCase("cycle").contains("a").contains("b");
            assertThat(m).containsAnyOf("a -> b -> a", "b -> a -> b");
        }

        @Test
        void selfLoopThroughFrom() {
            PipelineBuilder b = gen("selfFrom")
                    .processor("a", (Integer n) -> n, s -> s.from("a"));
            assertThat(definitionError(b).getMessage()).contains("selfFrom").contains("a -> a");
        }

        @Test
        void cycleBetweenNestedPipelines() {
            PipelineBuilder b = gen("pcyc")
                    .pipeline("left", n -> n.processor("l", (Integer i) -> i), s -> s.to("right"))
                    .pipeline("right", n -> n.processor("r", (Integer i) -> i), s -> s.to("left"));
            String m = definitionError(b).getMessage();
            assertThat(m).contains("pcyc").containsAnyOf("left -> right -> left", "right -> left -> right");
        }

        @Test
        void cycleBetweenNestedPipelinesIsReportedBeforeTheMissingProducer() {
            PipelineBuilder b = Minigun.pipeline("pingpong")
                    .pipeline("pipe_alpha", n -> n.processor("a", (Integer i) -> i), s -> s.to("pipe_beta"))
                    .pipeline("pipe_beta", n -> n.processor("b", (Integer i) -> i), s -> s.to("pipe_alpha"));
            String m = definitionError(b).getMessage();
            assertThat(m).contains("pingpong").containsIgnoringCase("cycle")
                    .containsAnyOf("pipe_alpha -> pipe_beta -> pipe_alpha", "pipe_beta -> pipe_alpha -> pipe_beta")
                    .doesNotContain("no producer");
        }

        @Test
        void cycleInsideNestedPipelineNamesTheNestedPipeline() {
            PipelineBuilder b = gen("outer")
                    .pipeline("inner", n -> n
                            .processor("x", (Integer i) -> i, s -> s.to("y"))
                            .processor("y", (Integer i) -> i, s -> s.to("x")))
                    .consumer("sink", (Integer i) -> { });
            String m = definitionError(b).getMessage();
            assertThat(m).contains("inner").containsAnyOf("x -> y -> x", "y -> x -> y");
        }

        @Test
        void cycleCreatedByReroute() {
            PipelineBuilder b = gen("rr")
                    .processor("a", (Integer n) -> n, s -> s.to("b"))
                    .processor("b", (Integer n) -> n, s -> s.to("c"))
                    .consumer("c", (Integer n) -> { })
                    .reroute("b", "a");
            String m = definitionError(b).getMessage();
            assertThat(m).contains("rr").containsAnyOf("a -> b -> a", "b -> a -> b");
        }
    }

    // ---- names ---------------------------------------------------------------------------------------------------

    @Nested
    class Names {
        @Test
        void unknownStageInToSuggestsTheCloseName() {
            PipelineBuilder b = gen("typo")
                    .processor("double", (Integer n) -> n * 2, s -> s.to("dobule"))
                    .consumer("save", (Integer n) -> { });
            String m = definitionError(b).getMessage();
            assertThat(m).contains("typo").contains("'double'").contains("dobule")
                    .contains("did you mean 'double'");
        }

        @Test
        void unknownStageInFromSuggestsTheCloseName() {
            PipelineBuilder b = gen("typo2")
                    .processor("double", (Integer n) -> n * 2)
                    .consumer("save", (Integer n) -> { }, s -> s.from("doubel"));
            String m = definitionError(b).getMessage();
            assertThat(m).contains("typo2").contains("save").contains("doubel").contains("did you mean 'double'");
        }

        @Test
        void unknownStageWithNothingCloseListsTheKnownStages() {
            PipelineBuilder b = gen("far")
                    .processor("double", (Integer n) -> n * 2, s -> s.to("zzzzzzzzz"))
                    .consumer("save", (Integer n) -> { });
            String m = definitionError(b).getMessage();
            assertThat(m).contains("far").contains("zzzzzzzzz").contains("double").contains("save")
                    .doesNotContain("did you mean");
        }

        @Test
        void aSlashInAStageNameIsRejectedBecauseItSeparatesStagePaths() {
            PipelineBuilder b = gen("slash")
                    .pipeline("inner", n -> n.processor("parse/clean", (Integer i) -> i))
                    .consumer("save", (Integer n) -> { });
            String m = definitionError(b).getMessage();
            assertThat(m).contains("inner").contains("'parse/clean'").contains("'/'").contains("rename");
        }

        @Test
        void aSlashInAPipelineNameIsRejectedToo() {
            String m = definitionError(gen("orders/eu").consumer("save", (Integer n) -> { })).getMessage();
            assertThat(m).contains("'orders/eu'").contains("'/'").contains("'orders-eu'");
        }

        @Test
        void duplicateNames() {
            PipelineBuilder b = gen("dup")
                    .processor("work", (Integer n) -> n)
                    .consumer("work", (Integer n) -> { });
            String m = definitionError(b).getMessage();
            assertThat(m).contains("dup").contains("'work'").containsIgnoringCase("unique");
        }

        @Test
        void duplicateNameBetweenStageAndNestedPipeline() {
            PipelineBuilder b = gen("dup2")
                    .pipeline("work", n -> n.processor("x", (Integer i) -> i))
                    .consumer("work", (Integer n) -> { });
            String m = definitionError(b).getMessage();
            assertThat(m).contains("dup2").contains("'work'").containsIgnoringCase("unique");
        }

        @Test
        void duplicateNamesInsideNestedPipeline() {
            PipelineBuilder b = gen("dup3")
                    .pipeline("inner", n -> n
                            .processor("x", (Integer i) -> i)
                            .processor("x", (Integer i) -> i));
            String m = definitionError(b).getMessage();
            assertThat(m).contains("inner").contains("'x'");
        }

        @Test
        void sameNameInDifferentPipelinesIsFine() {
            assertThatCode(() -> gen("same")
                    .processor("x", (Integer n) -> n)
                    .pipeline("inner", n -> n.processor("x", (Integer i) -> i))
                    .consumer("sink", (Integer n) -> { })
                    .build()).doesNotThrowAnyException();
        }

        @Test
        void staticToIntoAStageOfANestedPipeline() {
            PipelineBuilder b = gen("cross")
                    .processor("a", (Integer n) -> n, s -> s.to("deep"))
                    .pipeline("inner", n -> n
                            .processor("deep", (Integer i) -> i)
                            .consumer("innerSink", (Integer i) -> { }));
            String m = definitionError(b).getMessage();
            assertThat(m).contains("cross").contains("'a'").contains("deep");
            assertThat(m).as("suggests routing to the pipeline or dynamic routing")
                    .contains("nested pipeline").contains("out.to(\"deep\")");
        }

        @Test
        void staticToIntoANestedStageNamesItsPipelineAndTheEdgeToWriteInstead() {
            PipelineBuilder b = gen("root")
                    .processor("a", (Integer n) -> n, s -> s.to("inner_sink"))
                    .pipeline("inner", n -> n.consumer("inner_sink", (Integer i) -> { }));
            String m = definitionError(b).getMessage();
            assertThat(m).as("names the pipeline that holds the stage")
                    .contains("'inner_sink' is a stage of nested pipeline 'root/inner'");
            assertThat(m).as("says which edge to write instead")
                    .contains("replace to(\"inner_sink\") with to(\"inner\")");
            assertThat(m).contains("out.to(\"inner_sink\")");
        }

        @Test
        void staticToTwoLevelsDownRoutesToTheNestedPipelineOfThisLevel() {
            PipelineBuilder b = gen("top")
                    .processor("a", (Integer n) -> n, s -> s.to("x100"))
                    .pipeline("outer", o -> o
                            .pipeline("inner", in -> in.processor("x100", (Integer i) -> i * 100)));
            String m = definitionError(b).getMessage();
            assertThat(m).contains("nested pipeline 'top/outer/inner'")
                    .contains("replace to(\"x100\") with to(\"outer\")");
        }

        @Test
        void staticToANameDeclaredInTwoNestedPipelinesNamesBoth() {
            PipelineBuilder b = gen("twice")
                    .processor("a", (Integer n) -> n, s -> s.to("x"))
                    .pipeline("left", n -> n.processor("x", (Integer i) -> i))
                    .pipeline("right", n -> n.processor("x", (Integer i) -> i));
            String m = definitionError(b).getMessage();
            assertThat(m).contains("'twice/left'").contains("'twice/right'")
                    .contains("to(\"left\")").contains("to(\"right\")");
            assertThat(m).as("dynamic routing to an ambiguous name would fail").doesNotContain("out.to(\"x\")");
        }

        @Test
        void staticToAStageOfASiblingPipelineSaysToConnectThePipelines() {
            PipelineBuilder b = gen("sib")
                    .pipeline("left", n -> n.processor("l", (Integer i) -> i, s -> s.to("r")))
                    .pipeline("right", n -> n.processor("r", (Integer i) -> i));
            String m = definitionError(b).getMessage();
            assertThat(m).contains("'r' is a stage of nested pipeline 'sib/right'")
                    .contains("in pipeline 'sib'").contains("pipeline(\"left\", ..., s -> s.to(\"right\"))");
        }

        @Test
        void staticFromAStageOfANestedPipeline() {
            PipelineBuilder b = gen("cross2")
                    .pipeline("inner", n -> n
                            .processor("deep", (Integer i) -> i))
                    .consumer("sink", (Integer n) -> { }, s -> s.from("deep"));
            String m = definitionError(b).getMessage();
            assertThat(m).contains("cross2").contains("'sink'").contains("deep")
                    .contains("'deep' is a stage of nested pipeline 'cross2/inner'")
                    .contains("replace from(\"deep\") with from(\"inner\")");
            assertThat(m).as("the dynamic equivalent of deep -> sink is sent by 'deep'").contains("out.to(\"sink\")");
        }

        @Test
        void staticEdgeFromNestedStageToAStageOfTheParent() {
            PipelineBuilder b = gen("up")
                    .pipeline("inner", n -> n
                            .processor("deep", (Integer i) -> i, s -> s.to("sink")))
                    .consumer("sink", (Integer n) -> { });
            String m = definitionError(b).getMessage();
            assertThat(m).contains("inner").contains("'deep'").contains("sink").contains("out.to(\"sink\")")
                    .contains("'sink' is a stage of pipeline 'up'")
                    .contains("pipeline(\"inner\", ..., s -> s.to(\"sink\"))");
        }

        @Test
        void ambiguousNameIsRejectedByResolveNamingBothMatches() {
            Pipeline p = ambiguousTree("amb");
            var graph = Plans.of(p.plan()).graph();
            assertThatThrownBy(() -> graph.resolve(graph.root(), "x"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("ambiguous")
                    .hasMessageContaining("amb/left/x")
                    .hasMessageContaining("amb/right/x");
        }

        @Test
        void ambiguousNameInPlanQueriesNamesBothMatches() {
            Pipeline p = ambiguousTree("amb2");
            assertThatThrownBy(() -> p.plan().contextType("x"))
                    .hasMessageContaining("amb2/left/x").hasMessageContaining("amb2/right/x");
        }

        @Test
        void localNameWinsOverNestedOnes() {
            Pipeline p = gen("local")
                    .processor("x", (Integer n) -> n, s -> s.threads(3))
                    .pipeline("left", n -> n.processor("x", (Integer i) -> i))
                    .pipeline("right", n -> n.processor("x", (Integer i) -> i))
                    .build();
            var graph = Plans.of(p.plan()).graph();
            assertThat(graph.resolve(graph.root(), "x").qualifiedName()).isEqualTo("local/x");
            assertThat(p.plan().workers("x")).isEqualTo(3);
            // from inside 'left', its own x wins
            var left = graph.root().children().get(0);
            assertThat(graph.resolve(left, "x").qualifiedName()).isEqualTo("local/left/x");
        }

        @Test
        void ambiguousDynamicRouteFailsTheItemNamingBothMatches() {
            List<Object> seen = new CopyOnWriteArrayList<>();
            Pipeline p = Minigun.pipeline("ambrun")
                    .concurrency(c -> c.forceInline(true))
                    .producer("gen", out -> { out.emit(1); out.emit(2); })
                    .processor("router", (Integer n, Output<Integer> out) -> out.to("x").emit(n))
                    .consumer("sink", (Integer i) -> seen.add(i))
                    .pipeline("left", n -> n.consumer("x", (Integer i) -> seen.add(i), s -> s.await(true)))
                    .pipeline("right", n -> n.consumer("x", (Integer i) -> seen.add(i), s -> s.await(true)))
                    .build();
            RunResult r = p.run();
            assertThat(seen).isEmpty();
            assertThat(r.status()).isEqualTo(RunStatus.COMPLETED_WITH_FAILURES);
            assertThat(r.failed()).isEqualTo(2);
            assertThat(r.failures()).hasSize(2).allSatisfy(f -> {
                assertThat(f.stage()).isEqualTo("router");
                assertThat(f.item()).isIn(1, 2);
                assertThat(f.exception().getMessage()).contains("'x'").contains("ambrun/left/x")
                        .contains("ambrun/right/x");
            });
        }

        @Test
        void unknownDynamicRouteFailsTheItemNamingTheTarget() {
            List<Object> seen = new CopyOnWriteArrayList<>();
            Pipeline p = Minigun.pipeline("unkrun")
                    .concurrency(c -> c.forceInline(true))
                    .producer("gen", out -> { out.emit(1); out.emit(2); })
                    .processor("router", (Integer n, Output<Integer> out) -> {
                        if (n == 1) {
                            out.to("nowhere").emit(n);
                        } else {
                            out.emit(n);
                        }
                    })
                    .consumer("sink", (Integer i) -> seen.add(i))
                    .build();
            RunResult r = p.run();
            assertThat(seen).containsExactly(2);
            assertThat(r.failures()).singleElement().satisfies(f -> {
                assertThat(f.stage()).isEqualTo("router");
                assertThat(f.item()).isEqualTo(1);
                assertThat(f.exception().getMessage()).contains("nowhere");
            });
        }

        /** Two nested pipelines both declaring a stage 'x'; a hook on "x" from the root is ambiguous. */
        @Test
        void hookOnAmbiguousStageNameIsADefinitionError() {
            PipelineBuilder b = Minigun.pipeline("ambhook")
                    .producer("gen", out -> out.emit(1))
                    .processor("a", (Integer n) -> n)
                    .pipeline("left", n -> n.processor("x", (Integer i) -> i))
                    .pipeline("right", n -> n.processor("x", (Integer i) -> i))
                    .before("x", () -> { });
            String m = definitionError(b).getMessage();
            assertThat(m).contains("ambhook").contains("ambhook/left/x").contains("ambhook/right/x");
        }

        private Pipeline ambiguousTree(String name) {
            return Minigun.pipeline(name)
                    .producer("gen", out -> out.emit(1))
                    .processor("a", (Integer n) -> n)
                    .pipeline("left", n -> n.processor("x", (Integer i) -> i))
                    .pipeline("right", n -> n.processor("x", (Integer i) -> i))
                    .build();
        }
    }

    // ---- options that do not apply ------------------------------------------------------------------------------

    @Nested
    class Options {
        @Test
        void maxSizeOnAProcessor() {
            String m = definitionError(gen("opt").processor("p", (Integer n) -> n, s -> s.maxSize(10))).getMessage();
            assertThat(m).contains("opt").contains("'p'").contains("maxSize").contains("accumulator").contains("remove");
        }

        @Test
        void maxWaitOnAConsumer() {
            String m = definitionError(gen("opt2")
                    .consumer("c", (Integer n) -> { }, s -> s.maxWait(Duration.ofMillis(5)))).getMessage();
            assertThat(m).contains("opt2").contains("'c'").contains("maxWait").contains("accumulator");
        }

        @Test
        void maxSizeOnAProducer() {
            String m = definitionError(Minigun.pipeline("opt3")
                    .producer("g", out -> out.emit(1), s -> s.maxSize(3))
                    .consumer("c", (Integer n) -> { })).getMessage();
            assertThat(m).contains("opt3").contains("'g'").contains("maxSize");
        }

        @Test
        void maxSizeOnALoopStage() {
            String m = definitionError(gen("opt4")
                    .stage("loop", (Input<Integer> in, Output<Integer> out) -> { }, s -> s.maxSize(3))).getMessage();
            assertThat(m).contains("opt4").contains("'loop'").contains("maxSize");
        }

        @Test
        void maxSizeAndMaxWaitAreFineOnAnAccumulator() {
            assertThatCode(() -> gen("acc")
                    .accumulator("batch", s -> s.maxSize(5).maxWait(Duration.ofMillis(50)))
                    .consumer("c", (List<Integer> n) -> { })
                    .build()).doesNotThrowAnyException();
        }

        @Test
        void fromOnAProducer() {
            String m = definitionError(Minigun.pipeline("pf")
                    .producer("a", out -> out.emit(1))
                    .producer("b", out -> out.emit(1), s -> s.from("a"))
                    .consumer("c", (Integer n) -> { })).getMessage();
            assertThat(m).contains("pf").contains("'b'").contains("from").contains("producer").contains("remove");
        }

        @Test
        void awaitOnAProducer() {
            String m = definitionError(Minigun.pipeline("pa")
                    .producer("a", out -> out.emit(1), s -> s.await(true))
                    .consumer("c", (Integer n) -> { })).getMessage();
            assertThat(m).contains("pa").contains("'a'").contains("await").contains("producer");
        }

        @Test
        void queueSizeOnAProducer() {
            String m = definitionError(Minigun.pipeline("pq")
                    .producer("a", out -> out.emit(1), s -> s.queueSize(5))
                    .consumer("c", (Integer n) -> { })).getMessage();
            assertThat(m).contains("pq").contains("'a'").contains("queueSize").contains("producer");
        }

        @Test
        void unboundedOnAProducer() {
            String m = definitionError(Minigun.pipeline("pu")
                    .producer("a", out -> out.emit(1), StageSpec::unbounded)
                    .consumer("c", (Integer n) -> { })).getMessage();
            assertThat(m).contains("pu").contains("'a'").contains("unbounded").contains("producer");
        }

        @Test
        void threadsBelowOne() {
            String m = definitionError(gen("t0").processor("p", (Integer n) -> n, s -> s.threads(0))).getMessage();
            assertThat(m).contains("t0").contains("'p'").contains("threads").contains("at least 1");
        }

        @Test
        void poolSizeBelowOne() {
            String m = definitionError(gen("ps0")
                    .processor("p", (Integer n) -> n, s -> s.concurrency(ContextType.THREAD).poolSize(-2)))
                    .getMessage();
            assertThat(m).contains("ps0").contains("'p'").contains("poolSize").contains("at least 1");
        }

        @Test
        void queueSizeBelowOne() {
            String m = definitionError(gen("q0").processor("p", (Integer n) -> n, s -> s.queueSize(0))).getMessage();
            assertThat(m).contains("q0").contains("'p'").contains("queueSize").contains("at least 1");
        }

        @Test
        void pipelineQueueSizeBelowOne() {
            String m = definitionError(gen("pq0").queueSize(0).consumer("c", (Integer n) -> { })).getMessage();
            assertThat(m).contains("pq0").contains("queueSize").contains("at least 1");
        }

        @Test
        void pipelineThreadsBelowOne() {
            String m = definitionError(gen("pt0").concurrency(c -> c.threads(0))
                    .consumer("c", (Integer n) -> { })).getMessage();
            assertThat(m).contains("pt0").contains("threads").contains("at least 1");
        }

        @Test
        void maxSizeBelowOne() {
            String m = definitionError(gen("ms0").accumulator("b", s -> s.maxSize(0))).getMessage();
            assertThat(m).contains("ms0").contains("'b'").contains("maxSize").contains("at least 1");
        }

        @Test
        void negativeRetries() {
            String m = definitionError(gen("r").processor("p", (Integer n) -> n, s -> s.retries(-1))).getMessage();
            assertThat(m).contains("'r'").contains("'p'").contains("retries").contains("at least 0");
        }

        @Test
        void negativePipelineRetries() {
            String m = definitionError(gen("pr").concurrency(c -> c.retries(-3))
                    .consumer("c", (Integer n) -> { })).getMessage();
            assertThat(m).contains("pr").contains("retries").contains("at least 0");
        }

        @Test
        void zeroRetriesIsFine() {
            assertThatCode(() -> gen("r0").processor("p", (Integer n) -> n, s -> s.retries(0)).build())
                    .doesNotThrowAnyException();
        }

        @Test
        void namedContextSizeBelowOne() {
            String m = definitionError(gen("cs0").context("pool", ContextType.THREAD, 0)
                    .consumer("c", (Integer n) -> { }, s -> s.context("pool"))).getMessage();
            assertThat(m).contains("cs0").contains("pool").contains("at least 1");
        }

        @Test
        void unknownNamedContext() {
            String m = definitionError(gen("ctx")
                    .context("io", ContextType.THREAD, 4)
                    .processor("p", (Integer n) -> n, s -> s.context("cpu"))).getMessage();
            assertThat(m).contains("ctx").contains("'p'").contains("cpu").contains("context(\"cpu\"")
                    .contains("io");
        }

        @Test
        void namedContextDefinedInParentIsVisibleInNested() {
            Pipeline p = gen("ctxnest")
                    .context("io", ContextType.THREAD, 3)
                    .pipeline("inner", n -> n.processor("p", (Integer i) -> i, s -> s.context("io")))
                    .build();
            assertThat(p.plan().workers("p")).isEqualTo(3);
            assertThat(p.plan().contextType("p")).isEqualTo(ContextType.THREAD);
        }

        @Test
        void inlineWithThreads() {
            String m = definitionError(gen("inl")
                    .processor("p", (Integer n) -> n, s -> s.concurrency(ContextType.INLINE).threads(3))).getMessage();
            assertThat(m).contains("inl").contains("'p'").contains("INLINE").contains("threads");
        }

        @Test
        void threadsAndPoolSizeDisagree() {
            String m = definitionError(gen("tp")
                    .processor("p", (Integer n) -> n, s -> s.threads(3).poolSize(4))).getMessage();
            assertThat(m).contains("tp").contains("'p'").contains("threads(3)").contains("poolSize(4)");
        }

        @Test
        void queueSizeAndUnbounded() {
            String m = definitionError(gen("qu")
                    .processor("p", (Integer n) -> n, s -> s.queueSize(5).unbounded())).getMessage();
            assertThat(m).contains("qu").contains("'p'").contains("queueSize").contains("unbounded");
        }

        @Test
        void nonPositiveMaxWait() {
            String m = definitionError(gen("mw")
                    .accumulator("b", s -> s.maxWait(Duration.ZERO))).getMessage();
            assertThat(m).contains("mw").contains("'b'").contains("maxWait").contains("positive");
        }

        @Test
        void negativeBackoff() {
            String m = definitionError(gen("bo")
                    .processor("p", (Integer n) -> n, s -> s.backoff(Duration.ofMillis(-1)))).getMessage();
            assertThat(m).contains("bo").contains("'p'").contains("backoff");
        }

        @Test
        void contextAndConcurrencyDisagree() {
            String m = definitionError(gen("cc").context("pool", ContextType.THREAD, 2)
                    .processor("p", (Integer n) -> n, s -> s.context("pool").concurrency(ContextType.INLINE)))
                    .getMessage();
            assertThat(m).contains("cc").contains("'p'").contains("pool").contains("keep one");
        }

        @Test
        void namedContextOfTypeAuto() {
            String m = definitionError(gen("ca").context("pool", ContextType.AUTO, 2)
                    .processor("p", (Integer n) -> n, s -> s.context("pool"))).getMessage();
            assertThat(m).contains("ca").contains("pool").contains("AUTO").contains("THREAD");
        }

        @Test
        void pipelineVirtualThreadsAndProcessesBelowOne() {
            assertThat(definitionError(gen("vt0").concurrency(c -> c.virtualThreads(0))).getMessage())
                    .contains("vt0").contains("virtualThreads").contains("at least 1");
            assertThat(definitionError(gen("pr0").concurrency(c -> c.processes(0))).getMessage())
                    .contains("pr0").contains("processes").contains("at least 1");
        }

        @Test
        void placementOptionsOnANestedPipelineBelongInsideIt() {
            String m = definitionError(gen("np")
                    .pipeline("inner", n -> n.processor("x", (Integer i) -> i), s -> s.threads(4))).getMessage();
            assertThat(m).contains("np").contains("inner").contains("inside the nested pipeline");
            String q = definitionError(gen("nq")
                    .pipeline("inner", n -> n.processor("x", (Integer i) -> i), s -> s.queueSize(4))).getMessage();
            assertThat(q).contains("nq").contains("inner").contains("queueSize");
        }

        @Test
        void blankStageName() {
            String m = definitionError(gen("blank").processor(" ", (Integer n) -> n)).getMessage();
            assertThat(m).contains("blank").contains("name");
        }

        /** An explicit edge into a producer can never deliver an item: it must be rejected at build(). */
        @Test
        void toAProducerIsADefinitionError() {
            PipelineBuilder b = gen("toProducer")
                    .processor("a", (Integer n) -> n, s -> s.to("late"))
                    .producer("late", out -> out.emit(100))
                    .consumer("c", (Integer n) -> { });
            String m = definitionError(b).getMessage();
            assertThat(m).contains("toProducer").contains("'a'").contains("late").containsIgnoringCase("producer");
        }

        @Test
        void rerouteToAProducerIsADefinitionError() {
            PipelineBuilder b = gen("rerouteProducer")
                    .processor("a", (Integer n) -> n)
                    .producer("late", out -> out.emit(100))
                    .consumer("c", (Integer n) -> { })
                    .reroute("a", "late");
            String m = definitionError(b).getMessage();
            assertThat(m).contains("rerouteProducer").contains("late").containsIgnoringCase("producer");
        }

        /**
         * {@code from("log")} where 'log' is a one-argument consumer declares the same edge that {@code to} on that
         * consumer declares, which is rejected; it can never carry an item.
         */
        @Test
        void fromAOneArgumentConsumerIsADefinitionError() {
            PipelineBuilder b = gen("fromConsumer")
                    .consumer("log", (Integer n) -> { })
                    .consumer("c", (Integer n) -> { }, s -> s.from("log"));
            String m = definitionError(b).getMessage();
            assertThat(m).contains("fromConsumer").contains("'log'").contains("c");
        }

        @Test
        void anEdgeBetweenKnownIncompatibleTypes() {
            ProducerFunction<String> words = out -> out.emit("x");
            PipelineBuilder b = Minigun.pipeline("types")
                    .stage(new io.minigun.internal.definition.StageDefinition("words", io.minigun.internal.definition.StageKind.PRODUCER,
                            io.minigun.internal.definition.StageBodies.producer(words), words, true,
                            io.minigun.internal.definition.StageConfig.empty(), null, String.class))
                    .processor("square", (Integer n) -> n * n)
                    .consumer("c", (Integer n) -> { });
            String m = definitionError(b).getMessage();
            assertThat(m).contains("types").contains("words").contains("square").contains("java.lang.String")
                    .contains("java.lang.Integer");
        }

        @Test
        void anEdgeBetweenCompatibleTypesIsFine() {
            ProducerFunction<Integer> nums = out -> out.emit(1);
            assertThatCode(() -> Minigun.pipeline("types2")
                    .stage(new io.minigun.internal.definition.StageDefinition("nums", io.minigun.internal.definition.StageKind.PRODUCER,
                            io.minigun.internal.definition.StageBodies.producer(nums), nums, true,
                            io.minigun.internal.definition.StageConfig.empty(), null, Integer.class))
                    .processor("any", (Number n) -> n)
                    .build()).doesNotThrowAnyException();
        }

        @Test
        void toOnAOneArgumentConsumer() {
            String m = definitionError(gen("cto")
                    .consumer("c", (Integer n) -> { }, s -> s.to("d"))
                    .consumer("d", (Integer n) -> { })).getMessage();
            assertThat(m).contains("cto").contains("'c'").contains("to").contains("(item, out)");
        }
    }

    // ---- hooks and reroutes -------------------------------------------------------------------------------------

    @Nested
    class HooksAndReroutes {
        @Test
        void beforeHookOnUnknownStage() {
            String m = definitionError(gen("h").consumer("save", (Integer n) -> { })
                    .before("sav", () -> { })).getMessage();
            assertThat(m).contains("'h'").contains("sav").contains("hook").contains("save");
        }

        @Test
        void afterHookOnUnknownStage() {
            String m = definitionError(gen("h2").consumer("save", (Integer n) -> { })
                    .after("missing", ctx -> { })).getMessage();
            assertThat(m).contains("h2").contains("missing").contains("save");
        }

        @Test
        void hookOnStageOfNestedPipelineIsAccepted() {
            assertThatCode(() -> gen("h3")
                    .pipeline("inner", n -> n.consumer("deep", (Integer i) -> { }))
                    .before("deep", () -> { })
                    .build()).doesNotThrowAnyException();
        }

        @Test
        void rerouteFromUnknownStage() {
            String m = definitionError(gen("rr").consumer("save", (Integer n) -> { })
                    .reroute("nope", "save")).getMessage();
            assertThat(m).contains("'rr'").contains("nope").contains("save");
        }

        @Test
        void rerouteToUnknownStage() {
            String m = definitionError(gen("rr2").consumer("save", (Integer n) -> { })
                    .reroute("gen", "sav")).getMessage();
            assertThat(m).contains("rr2").contains("gen").contains("sav").contains("save");
        }

        @Test
        void rerouteToNothing() {
            String m = definitionError(gen("rr3").consumer("save", (Integer n) -> { })
                    .reroute("gen")).getMessage();
            assertThat(m).contains("rr3").contains("gen");
        }
    }

    // ---- contexts that are not available ----------------------------------------------------------------------

    @Nested
    class Contexts {
        @Test
        void virtualStageBelowJava21IsADefinitionError() {
            assumeJavaBelow(21);
            String m = definitionError(gen("vt")
                    .processor("p", (Integer n) -> n, s -> s.concurrency(ContextType.VIRTUAL))).getMessage();
            assertThat(m).contains("vt").contains("'p'").contains("VIRTUAL").contains("21").contains("THREAD");
        }

        @Test
        void virtualStageOnJava21PlusBuilds() {
            assumeJavaAtLeast(21);
            Pipeline p = gen("vt2")
                    .processor("p", (Integer n) -> n, s -> s.concurrency(ContextType.VIRTUAL))
                    .build();
            assertThat(p.plan().contextType("p")).isEqualTo(ContextType.VIRTUAL);
            assertThat(p.plan().workers("p")).isEqualTo(256);
        }

        @Test
        void virtualNamedContextBelowJava21IsADefinitionError() {
            assumeJavaBelow(21);
            String m = definitionError(gen("vtc").context("vpool", ContextType.VIRTUAL, 10)
                    .processor("p", (Integer n) -> n, s -> s.context("vpool"))).getMessage();
            assertThat(m).contains("vtc").contains("vpool").contains("VIRTUAL").contains("21");
        }

        @Test
        void virtualNamedContextOnJava21PlusBuilds() {
            assumeJavaAtLeast(21);
            Pipeline p = gen("vtc2").context("vpool", ContextType.VIRTUAL, 10)
                    .processor("p", (Integer n) -> n, s -> s.context("vpool"))
                    .build();
            assertThat(p.plan().contextType("p")).isEqualTo(ContextType.VIRTUAL);
            assertThat(p.plan().workers("p")).isEqualTo(10);
        }

        @Test
        void processProducerIsRejectedAtBuildWithAClearMessage() {
            String m = definitionError(Minigun.pipeline("procprod")
                    .producer("gen", out -> out.emit(1), s -> s.concurrency(ContextType.PROCESS))
                    .consumer("c", (Integer n) -> { })).getMessage();
            assertThat(m).contains("procprod").contains("gen").contains("PROCESS").contains("processor");
        }

        @Test
        void processLoopStageFromANamedContextIsRejected() {
            String m = definitionError(gen("procloop").context("workers", ContextType.PROCESS, 2)
                    .stage("dedup", (io.minigun.Input<Integer> in, io.minigun.Output<Integer> out) -> { },
                            s -> s.context("workers"))).getMessage();
            assertThat(m).contains("procloop").contains("dedup").contains("PROCESS");
        }

        @Test
        void processStageInNestedPipelineIsPlannedWithWorkers() {
            Pipeline p = gen("procnest")
                    .concurrency(c -> c.processes(3))
                    .pipeline("inner", n -> n.processor("parse", (Integer i) -> i,
                            s -> s.concurrency(ContextType.PROCESS)))
                    .build();
            assertThat(p.plan().contextType("parse")).isEqualTo(ContextType.PROCESS);
            assertThat(p.plan().workers("parse")).isEqualTo(3);
        }
    }

    // ---- pipeline shape -----------------------------------------------------------------------------------------

    @Nested
    class Shape {
        @Test
        void rootPipelineWithoutProducer() {
            String m = definitionError(Minigun.pipeline("noprod")
                    .processor("p", (Integer n) -> n)
                    .consumer("c", (Integer n) -> { })).getMessage();
            assertThat(m).contains("noprod").containsIgnoringCase("producer").contains("add a producer");
        }

        @Test
        void rootPipelineWhoseOnlyStagesAreANestedPipelineWithoutProducer() {
            String m = definitionError(Minigun.pipeline("noprod2")
                    .pipeline("inner", n -> n
                            .processor("p", (Integer i) -> i)
                            .consumer("c", (Integer i) -> { }))).getMessage();
            assertThat(m).contains("noprod2").containsIgnoringCase("producer");
        }

        @Test
        void producerInsideNestedPipelineIsEnough() {
            assertThatCode(() -> Minigun.pipeline("nestedprod")
                    .pipeline("inner", n -> n
                            .producer("g", out -> out.emit(1))
                            .consumer("c", (Integer i) -> { }))
                    .build()).doesNotThrowAnyException();
        }

        @Test
        void emptyPipeline() {
            String m = definitionError(Minigun.pipeline("empty")).getMessage();
            assertThat(m).contains("empty").contains("no stages").contains("add");
        }

        @Test
        void emptyNestedPipeline() {
            String m = definitionError(gen("withEmpty").pipeline("hollow", n -> { })
                    .consumer("c", (Integer n) -> { })).getMessage();
            assertThat(m).contains("hollow").contains("no stages");
        }

        @Test
        void blankPipelineName() {
            assertThatThrownBy(() -> Minigun.pipeline(" ").producer("g", out -> out.emit(1)).build())
                    .isInstanceOf(PipelineDefinitionException.class).hasMessageContaining("name");
        }
    }
}
