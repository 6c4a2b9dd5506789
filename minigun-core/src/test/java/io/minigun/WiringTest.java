package io.minigun;

import io.minigun.execution.Plans;
import io.minigun.internal.definition.GraphNode;
import io.minigun.internal.definition.PipelineGraph;
import io.minigun.stats.StageStats;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Static wiring (SPEC §3.2, Ruby §1.6 and §2.2): declaration-order chaining with the gap-filling rules, explicit
 * edges, fan-out and fan-in, nested pipelines and reroute. Each case inspects the wired graph and, where the wiring
 * is the point, runs the pipeline in forceInline mode and checks which items reach which stage.
 */
@Timeout(30)
class WiringTest {

    // ---- helpers -------------------------------------------------------------------------------------------------

    private static GraphNode node(Pipeline p, String name) {
        PipelineGraph g = Plans.of(p.plan()).graph();
        return g.resolve(g.root(), name);
    }

    /** Qualified names (pipeline path / stage) of the stages the named stage sends to. */
    private static List<String> down(Pipeline p, String name) {
        PipelineGraph g = Plans.of(p.plan()).graph();
        return node(p, name).downstream().stream().map(id -> g.node(id).qualifiedName()).toList();
    }

    private static List<String> up(Pipeline p, String name) {
        PipelineGraph g = Plans.of(p.plan()).graph();
        return node(p, name).upstream().stream().map(id -> g.node(id).qualifiedName()).toList();
    }

    private static PipelineBuilder inline(String name) {
        return Minigun.pipeline(name).concurrency(c -> c.forceInline(true));
    }

    private static ProducerFunction<Integer> range(int from, int to) {
        return out -> {
            for (int i = from; i < to; i++) {
                out.emit(i);
            }
        };
    }

    private static List<Integer> ints(int from, int to) {
        return IntStream.range(from, to).boxed().toList();
    }

    private static RunResult runOk(Pipeline p) {
        RunResult r = p.run();
        assertThat(r.status()).as(r.describe()).isEqualTo(RunStatus.COMPLETED);
        return r;
    }

    // ---- sequential wiring ---------------------------------------------------------------------------------------

    @Nested
    class Sequential {
        @Test
        void stagesChainInDeclarationOrder() {
            List<Integer> out = new CopyOnWriteArrayList<>();
            Pipeline p = inline("seq")
                    .producer("gen", range(0, 10))
                    .processor("double", (Integer n) -> n * 2)
                    .processor("inc", (Integer n) -> n + 1)
                    .consumer("save", (Integer n) -> out.add(n))
                    .build();
            assertThat(down(p, "gen")).containsExactly("seq/double");
            assertThat(down(p, "double")).containsExactly("seq/inc");
            assertThat(down(p, "inc")).containsExactly("seq/save");
            assertThat(down(p, "save")).isEmpty();
            assertThat(up(p, "gen")).isEmpty();
            assertThat(up(p, "save")).containsExactly("seq/inc");
            runOk(p);
            assertThat(out).containsExactly(1, 3, 5, 7, 9, 11, 13, 15, 17, 19);
        }

        @Test
        void doublingTenItemsGivesEvenNumbersInOrder() {
            List<Integer> out = new CopyOnWriteArrayList<>();
            Pipeline p = inline("double10")
                    .producer("gen", range(0, 10))
                    .processor("double", (Integer n) -> n * 2)
                    .consumer("save", (Integer n) -> out.add(n))
                    .build();
            RunResult r = runOk(p);
            assertThat(out).containsExactly(0, 2, 4, 6, 8, 10, 12, 14, 16, 18);
            assertThat(r.produced()).isEqualTo(10);
            assertThat(r.consumed()).isEqualTo(10);
        }

        @Test
        void producerFeedsTheNextNonProducerStage() {
            List<Integer> out = new CopyOnWriteArrayList<>();
            Pipeline p = inline("prods")
                    .producer("g1", range(0, 3))
                    .processor("a", (Integer n) -> n + 100)
                    .producer("g2", range(10, 13))
                    .processor("b", (Integer n) -> n + 1000)
                    .consumer("save", (Integer n) -> out.add(n))
                    .build();
            assertThat(down(p, "g1")).containsExactly("prods/a");
            assertThat(down(p, "a")).as("a skips the producer g2").containsExactly("prods/b");
            assertThat(down(p, "g2")).containsExactly("prods/b");
            assertThat(up(p, "b")).containsExactlyInAnyOrder("prods/a", "prods/g2");
            assertThat(down(p, "b")).containsExactly("prods/save");
            runOk(p);
            assertThat(out).containsExactlyInAnyOrder(1100, 1101, 1102, 1010, 1011, 1012);
        }

        @Test
        void severalProducersDeclaredFirstAllFeedTheFirstStage() {
            List<Integer> out = new CopyOnWriteArrayList<>();
            Pipeline p = inline("fanin")
                    .producer("fast", range(0, 10))
                    .producer("slow", range(100, 105))
                    .consumer("save", (Integer n) -> out.add(n))
                    .build();
            assertThat(up(p, "save")).containsExactlyInAnyOrder("fanin/fast", "fanin/slow");
            RunResult r = runOk(p);
            assertThat(out).containsExactlyInAnyOrderElementsOf(
                    IntStream.concat(IntStream.range(0, 10), IntStream.range(100, 105)).boxed().toList());
            assertThat(r.stats().stage("fast").produced()).isEqualTo(10);
            assertThat(r.stats().stage("slow").produced()).isEqualTo(5);
            assertThat(r.produced()).isEqualTo(15);
        }

        @Test
        void aProducerDeclaredLastHasNoDownstreamAndItsItemsAreCountedAsDiscarded() {
            List<Integer> out = new CopyOnWriteArrayList<>();
            Pipeline p = inline("lastprod")
                    .producer("gen", range(0, 3))
                    .consumer("save", (Integer n) -> out.add(n))
                    .producer("late", range(50, 54))
                    .build();
            assertThat(down(p, "late")).isEmpty();
            RunResult r = runOk(p);
            assertThat(out).containsExactly(0, 1, 2);
            assertThat(r.stats().stage("late").discarded()).isEqualTo(4);
        }

        @Test
        void aStageWithExplicitToIsNotAutoWiredOnward() {
            List<String> out = new CopyOnWriteArrayList<>();
            Pipeline p = inline("explicit")
                    .producer("gen", range(0, 3))
                    .processor("a", (Integer n) -> "a" + n, s -> s.to("save"))
                    .processor("b", (Integer n) -> "b" + n)
                    .consumer("save", (String s) -> out.add(s))
                    .build();
            assertThat(down(p, "a")).containsExactly("explicit/save");
            assertThat(up(p, "b")).as("nothing auto-wires into b: a has an explicit to").isEmpty();
            assertThat(down(p, "b")).containsExactly("explicit/save");
            runOk(p);
            assertThat(out).containsExactly("a0", "a1", "a2");
        }

        @Test
        void aProducerWithAnExplicitEdgeIsLeftAlone() {
            Pipeline p = inline("prodEdge")
                    .producer("gen", range(0, 3))
                    .processor("a", (Integer n) -> n)
                    .consumer("b", (Integer n) -> { }, s -> s.from("gen"))
                    .build();
            assertThat(down(p, "gen")).containsExactly("prodEdge/b");
            assertThat(up(p, "a")).isEmpty();
            assertThat(down(p, "a")).containsExactly("prodEdge/b");
        }

        @Test
        void forwardReferencesInToAndFrom() {
            List<Integer> out = new CopyOnWriteArrayList<>();
            Pipeline p = inline("forward")
                    .producer("gen", range(1, 4), s -> s.to("triple"))
                    .consumer("save", (Integer n) -> out.add(n), s -> s.from("inc"))
                    .processor("triple", (Integer n) -> n * 3, s -> s.to("inc"))
                    .processor("inc", (Integer n) -> n + 1)
                    .build();
            assertThat(down(p, "gen")).containsExactly("forward/triple");
            assertThat(down(p, "triple")).containsExactly("forward/inc");
            assertThat(down(p, "inc")).containsExactly("forward/save");
            runOk(p);
            assertThat(out).containsExactly(4, 7, 10);
        }

        @Test
        void gapFillingNeverCreatesACycle() {
            Pipeline p = inline("nocycle")
                    .producer("gen", range(0, 3))
                    .processor("a", (Integer n) -> n)
                    .processor("b", (Integer n) -> n)
                    .consumer("c", (Integer n) -> { })
                    .reroute("b", "a")
                    .build();
            assertThat(down(p, "b")).containsExactly("nocycle/a");
            assertThat(down(p, "a")).as("a -> b would close a cycle").isEmpty();
        }
    }

    // ---- await and consumers ---------------------------------------------------------------------------------

    @Nested
    class AwaitAndConsumers {
        @Test
        void awaitStagesAreSkippedByGapFillingAndNotWiredOnward() {
            List<Integer> sink = new CopyOnWriteArrayList<>();
            List<Integer> awaited = new CopyOnWriteArrayList<>();
            Pipeline p = inline("await")
                    .producer("gen", range(0, 4))
                    .processor("split", (Integer n, Output<Integer> out) -> {
                        out.emit(n);
                        out.to("side").emit(n * 10);
                    })
                    .processor("side", (Integer n, Output<Integer> out) -> {
                        awaited.add(n);
                        out.emit(n + 1);
                    }, s -> s.await(true))
                    .consumer("save", (Integer n) -> sink.add(n))
                    .build();
            assertThat(down(p, "split")).as("split skips the await stage").containsExactly("await/save");
            assertThat(up(p, "side")).isEmpty();
            assertThat(down(p, "side")).as("await stage is not auto-wired onward").isEmpty();
            RunResult r = runOk(p);
            assertThat(sink).containsExactly(0, 1, 2, 3);
            assertThat(awaited).containsExactly(0, 10, 20, 30);
            assertThat(r.stats().stage("side").discarded()).isEqualTo(4);
        }

        @Test
        void producerSkipsAnAwaitStage() {
            Pipeline p = inline("awaitProd")
                    .producer("gen", range(0, 4))
                    .consumer("dyn", (Integer n) -> { }, s -> s.await(true))
                    .consumer("save", (Integer n) -> { })
                    .build();
            assertThat(down(p, "gen")).containsExactly("awaitProd/save");
            assertThat(up(p, "dyn")).isEmpty();
        }

        @Test
        void anAwaitStageWithExplicitToKeepsThatEdge() {
            List<Integer> sink = new CopyOnWriteArrayList<>();
            Pipeline p = inline("awaitTo")
                    .producer("gen", range(0, 3))
                    .processor("route", (Integer n, Output<Integer> out) -> out.to("side").emit(n))
                    .processor("side", (Integer n) -> n + 100, s -> s.await(true).to("save"))
                    .consumer("save", (Integer n) -> sink.add(n))
                    .build();
            assertThat(down(p, "side")).containsExactly("awaitTo/save");
            assertThat(down(p, "route")).containsExactly("awaitTo/save");
            runOk(p);
            assertThat(sink).containsExactly(100, 101, 102);
        }

        @Test
        void aOneArgumentConsumerIsNotAutoWiredOnward() {
            List<Integer> logged = new CopyOnWriteArrayList<>();
            List<Integer> sink = new CopyOnWriteArrayList<>();
            Pipeline p = inline("consumerEnd")
                    .producer("gen", range(0, 3))
                    .consumer("log", (Integer n) -> logged.add(n))
                    .processor("after", (Integer n) -> n * 100)
                    .consumer("save", (Integer n) -> sink.add(n))
                    .build();
            assertThat(down(p, "log")).isEmpty();
            assertThat(up(p, "after")).isEmpty();
            assertThat(down(p, "after")).containsExactly("consumerEnd/save");
            runOk(p);
            assertThat(logged).containsExactly(0, 1, 2);
            assertThat(sink).isEmpty();
        }

        @Test
        void anEmittingConsumerIsAutoWiredOnward() {
            List<Integer> sink = new CopyOnWriteArrayList<>();
            Pipeline p = inline("emittingConsumer")
                    .producer("gen", range(0, 3))
                    .consumer("tap", (Integer n, Output<Integer> out) -> out.emit(n + 5))
                    .consumer("save", (Integer n) -> sink.add(n))
                    .build();
            assertThat(down(p, "tap")).containsExactly("emittingConsumer/save");
            runOk(p);
            assertThat(sink).containsExactly(5, 6, 7);
        }
    }

    // ---- fan-out and fan-in ---------------------------------------------------------------------------------

    @Nested
    class FanOutFanIn {
        @Test
        void fanOutSiblingsAreNotChainedToEachOther() {
            List<String> sink = new CopyOnWriteArrayList<>();
            Pipeline p = inline("siblings")
                    .producer("gen", range(0, 3), s -> s.to("a", "b"))
                    .processor("a", (Integer n) -> "a" + n)
                    .processor("b", (Integer n) -> "b" + n)
                    .consumer("save", (String s) -> sink.add(s))
                    .build();
            assertThat(down(p, "gen")).containsExactly("siblings/a", "siblings/b");
            assertThat(down(p, "a")).as("a's next stage b is its fan-out sibling").isEmpty();
            assertThat(down(p, "b")).containsExactly("siblings/save");
            RunResult r = runOk(p);
            assertThat(sink).containsExactly("b0", "b1", "b2");
            assertThat(r.stats().stage("a").consumed()).isEqualTo(3);
            assertThat(r.stats().stage("a").discarded()).isEqualTo(3);
        }

        @Test
        void aStageIsNotAutoWiredToATargetItsSiblingAlreadyFeeds() {
            List<String> sink = new CopyOnWriteArrayList<>();
            Pipeline p = inline("siblingFeeds")
                    .producer("gen", range(0, 2), s -> s.to("a", "b"))
                    .processor("a", (Integer n) -> "a" + n, s -> s.to("save"))
                    .processor("b", (Integer n) -> "b" + n)
                    .consumer("save", (String s) -> sink.add(s))
                    .build();
            assertThat(down(p, "b")).as("sibling a already routes to save").isEmpty();
            assertThat(up(p, "save")).containsExactly("siblingFeeds/a");
            runOk(p);
            assertThat(sink).containsExactly("a0", "a1");
        }

        @Test
        void broadcastGivesEveryTargetEveryItem() {
            List<Integer> a = new CopyOnWriteArrayList<>();
            List<Integer> b = new CopyOnWriteArrayList<>();
            List<Integer> c = new CopyOnWriteArrayList<>();
            Pipeline p = inline("broadcast")
                    .producer("gen", range(0, 6), s -> s.to("a", "b", "c"))
                    .consumer("a", (Integer n) -> a.add(n))
                    .consumer("b", (Integer n) -> b.add(n))
                    .consumer("c", (Integer n) -> c.add(n))
                    .build();
            runOk(p);
            assertThat(a).containsExactlyElementsOf(ints(0, 6));
            assertThat(b).containsExactlyElementsOf(ints(0, 6));
            assertThat(c).containsExactlyElementsOf(ints(0, 6));
        }

        @Test
        void roundRobinDealsItemsInDeclarationOrder() {
            List<Integer> a = new CopyOnWriteArrayList<>();
            List<Integer> b = new CopyOnWriteArrayList<>();
            List<Integer> c = new CopyOnWriteArrayList<>();
            Pipeline p = inline("rr")
                    .producer("gen", range(0, 6), s -> s.to("a", "b", "c").routing(Routing.ROUND_ROBIN))
                    .consumer("a", (Integer n) -> a.add(n))
                    .consumer("b", (Integer n) -> b.add(n))
                    .consumer("c", (Integer n) -> c.add(n))
                    .build();
            assertThat(node(p, "gen").routing()).isEqualTo(Routing.ROUND_ROBIN);
            runOk(p);
            assertThat(a).containsExactly(0, 3);
            assertThat(b).containsExactly(1, 4);
            assertThat(c).containsExactly(2, 5);
        }

        @Test
        void diamond() {
            List<Integer> out = new CopyOnWriteArrayList<>();
            Pipeline p = inline("diamond")
                    .producer("source", range(1, 2), s -> s.to("left", "right"))
                    .processor("left", (Integer n) -> n + 10, s -> s.to("merge"))
                    .processor("right", (Integer n) -> n + 20, s -> s.to("merge"))
                    .consumer("merge", (Integer n) -> out.add(n))
                    .build();
            assertThat(up(p, "merge")).containsExactly("diamond/left", "diamond/right");
            runOk(p);
            assertThat(out).containsExactlyInAnyOrder(11, 21);
        }

        @Test
        void fanInThroughFromWaitsForEveryUpstream() {
            List<Integer> out = new CopyOnWriteArrayList<>();
            Pipeline p = inline("from2")
                    .producer("p1", range(0, 3), s -> s.to("x"))
                    .producer("p2", range(10, 13), s -> s.to("y"))
                    .processor("x", (Integer n) -> n)
                    .processor("y", (Integer n) -> n)
                    .consumer("merge", (Integer n) -> out.add(n), s -> s.from("x", "y"))
                    .build();
            assertThat(up(p, "merge")).containsExactly("from2/x", "from2/y");
            assertThat(down(p, "x")).containsExactly("from2/merge");
            runOk(p);
            assertThat(out).containsExactlyInAnyOrder(0, 1, 2, 10, 11, 12);
        }
    }

    // ---- nested pipelines -----------------------------------------------------------------------------------

    @Nested
    class NestedPipelines {
        @Test
        void stageToPipelineAndPipelineToStageAreAutoChained() {
            List<Integer> out = new CopyOnWriteArrayList<>();
            Pipeline p = inline("nest")
                    .producer("gen", range(1, 4))
                    .pipeline("times", n -> n
                            .processor("x10", (Integer i) -> i * 10)
                            .processor("plus1", (Integer i) -> i + 1))
                    .consumer("save", (Integer i) -> out.add(i))
                    .build();
            assertThat(down(p, "gen")).containsExactly("nest/times/times");
            assertThat(down(p, "plus1")).containsExactly("nest/save");
            assertThat(node(p, "x10").upstream()).hasSize(1);
            runOk(p);
            assertThat(out).containsExactly(11, 21, 31);
        }

        @Test
        void namedPipelinesAreNotAutoChainedToEachOther() {
            List<Integer> firstSeen = new CopyOnWriteArrayList<>();
            List<Integer> secondSeen = new CopyOnWriteArrayList<>();
            List<Integer> out = new CopyOnWriteArrayList<>();
            Pipeline p = inline("twoPipes")
                    .producer("gen", range(0, 3))
                    .pipeline("first", n -> n.processor("f", (Integer i) -> {
                        firstSeen.add(i);
                        return i;
                    }))
                    .pipeline("second", n -> n.processor("s", (Integer i) -> {
                        secondSeen.add(i);
                        return i;
                    }))
                    .consumer("save", (Integer i) -> out.add(i))
                    .build();
            assertThat(down(p, "gen")).containsExactly("twoPipes/first/first");
            assertThat(down(p, "f")).as("first is not chained to second").isEmpty();
            assertThat(up(p, "second")).isEmpty();
            assertThat(down(p, "s")).as("pipeline -> stage is chained").containsExactly("twoPipes/save");
            runOk(p);
            assertThat(firstSeen).containsExactly(0, 1, 2);
            assertThat(secondSeen).isEmpty();
            assertThat(out).isEmpty();
        }

        /** p1 emits 1, 2, 3 doubled and p2 emits 1, 2, 3 tripled, each from its own producer; then a consumer. */
        private Pipeline twoSourcePipelines(PipelineBuilder builder, List<Integer> sink) {
            return builder
                    .pipeline("p1", n -> n
                            .producer("gen1", range(1, 4))
                            .processor("x2", (Integer i) -> i * 2))
                    .pipeline("p2", n -> n
                            .producer("gen2", range(1, 4))
                            .processor("x3", (Integer i) -> i * 3))
                    .consumer("sink", (Integer i) -> sink.add(i))
                    .build();
        }

        @Test
        void nestedPipelinesWithTheirOwnProducersAllFeedTheNextStage() {
            List<Integer> out = new CopyOnWriteArrayList<>();
            Pipeline p = twoSourcePipelines(inline("twoSources"), out);
            assertThat(down(p, "x2")).as("p1 is wired like a producer, past p2").containsExactly("twoSources/sink");
            assertThat(down(p, "x3")).containsExactly("twoSources/sink");
            assertThat(up(p, "p2")).as("p1 is not chained into p2").isEmpty();
            RunResult r = runOk(p);
            assertThat(out).containsExactlyInAnyOrder(2, 4, 6, 3, 6, 9);
            assertThat(r.stats().stage("x2").discarded()).isZero();
        }

        @Test
        void nestedPipelinesWithTheirOwnProducersFeedTheNextStageUnderThreads() {
            List<Integer> out = new CopyOnWriteArrayList<>();
            runOk(twoSourcePipelines(Minigun.pipeline("twoSourcesThreaded"), out));
            assertThat(out).containsExactlyInAnyOrder(2, 4, 6, 3, 6, 9);
        }

        @Test
        void aFedPipelineIsChainedPastASourcePipelineToTheNextStage() {
            List<Integer> out = new CopyOnWriteArrayList<>();
            Pipeline p = inline("fedThenSource")
                    .producer("gen", range(1, 3))
                    .pipeline("fed", n -> n.processor("neg", (Integer i) -> -i))
                    .pipeline("source", n -> n
                            .producer("local", range(100, 102))
                            .processor("mark", (Integer i) -> i + 1))
                    .consumer("sink", (Integer i) -> out.add(i))
                    .build();
            assertThat(down(p, "gen")).containsExactly("fedThenSource/fed/fed");
            assertThat(down(p, "neg")).as("not chained into 'source'").containsExactly("fedThenSource/sink");
            runOk(p);
            assertThat(out).containsExactlyInAnyOrder(-1, -2, 101, 102);
        }

        @Test
        void pipelinesConnectedExplicitly() {
            List<Integer> out = new CopyOnWriteArrayList<>();
            Pipeline p = inline("pipeTo")
                    .producer("gen", range(0, 3))
                    .pipeline("first", n -> n.processor("f", (Integer i) -> i + 1), s -> s.to("second"))
                    .pipeline("second", n -> n.processor("s", (Integer i) -> i * 2))
                    .consumer("save", (Integer i) -> out.add(i))
                    .build();
            assertThat(down(p, "f")).containsExactly("pipeTo/second/second");
            runOk(p);
            assertThat(out).containsExactly(2, 4, 6);
        }

        @Test
        void nestedTwoLevelsDeep() {
            List<Integer> out = new CopyOnWriteArrayList<>();
            Pipeline p = inline("deep")
                    .producer("gen", range(1, 4))
                    .pipeline("outer", o -> o
                            .processor("plus1", (Integer i) -> i + 1)
                            .pipeline("inner", in -> in.processor("x100", (Integer i) -> i * 100)))
                    .consumer("save", (Integer i) -> out.add(i))
                    .build();
            assertThat(node(p, "x100").qualifiedName()).isEqualTo("deep/outer/inner/x100");
            assertThat(down(p, "x100")).containsExactly("deep/save");
            runOk(p);
            assertThat(out).containsExactly(200, 300, 400);
        }

        @Test
        void itemsSentIntoANestedPipelineWithItsOwnProducerAreNotDropped() {
            List<Integer> out = new CopyOnWriteArrayList<>();
            Pipeline p = inline("ownProducer")
                    .producer("gen", range(0, 3))
                    .pipeline("inner", n -> n
                            .producer("local", range(100, 104))
                            .processor("mark", (Integer i) -> i + 1))
                    .consumer("save", (Integer i) -> out.add(i))
                    .build();
            runOk(p);
            assertThat(out).containsExactlyInAnyOrder(1, 2, 3, 101, 102, 103, 104);
        }

        @Test
        void nestedPipelineWithSeveralEntryStagesBroadcastsByDefault() {
            List<String> out = new CopyOnWriteArrayList<>();
            Pipeline p = inline("entries")
                    .producer("gen", range(0, 2))
                    .pipeline("inner", n -> n
                            .processor("x", (Integer i) -> "x" + i, s -> s.to("join"))
                            .processor("y", (Integer i) -> "y" + i, s -> s.to("join"))
                            .processor("join", (String s) -> s))
                    .consumer("save", (String s) -> out.add(s))
                    .build();
            runOk(p);
            assertThat(out).containsExactlyInAnyOrder("x0", "x1", "y0", "y1");
        }

        @Test
        void nestedPipelineWithSeveralEntryStagesDealsRoundRobinWhenAsked() {
            List<String> out = new CopyOnWriteArrayList<>();
            Pipeline p = inline("entriesRr")
                    .producer("gen", range(0, 4))
                    .pipeline("inner", n -> n
                            .processor("x", (Integer i) -> "x" + i, s -> s.to("join"))
                            .processor("y", (Integer i) -> "y" + i, s -> s.to("join"))
                            .processor("join", (String s) -> s), s -> s.routing(Routing.ROUND_ROBIN))
                    .consumer("save", (String s) -> out.add(s))
                    .build();
            runOk(p);
            assertThat(out).containsExactlyInAnyOrder("x0", "y1", "x2", "y3");
        }

        @Test
        void stageFromPipelineAndPipelineFromStage() {
            List<Integer> out = new CopyOnWriteArrayList<>();
            Pipeline p = inline("fromPipe")
                    .producer("gen", range(1, 3))
                    .consumer("save", (Integer i) -> out.add(i), s -> s.from("inner"))
                    .pipeline("inner", n -> n.processor("neg", (Integer i) -> -i), s -> s.from("gen"))
                    .build();
            assertThat(down(p, "gen")).containsExactly("fromPipe/inner/inner");
            assertThat(down(p, "neg")).containsExactly("fromPipe/save");
            runOk(p);
            assertThat(out).containsExactly(-1, -2);
        }
    }

    // ---- reroute ------------------------------------------------------------------------------------------------

    @Nested
    class Reroute {
        @Test
        void rerouteSkipsAStage() {
            List<Integer> out = new CopyOnWriteArrayList<>();
            Pipeline p = inline("skip")
                    .producer("generate", range(1, 6))
                    .processor("double", (Integer n) -> n * 2)
                    .consumer("collect", (Integer n) -> out.add(n))
                    .reroute("generate", "collect")
                    .build();
            assertThat(down(p, "generate")).containsExactly("skip/collect");
            assertThat(up(p, "double")).isEmpty();
            runOk(p);
            assertThat(out).containsExactly(1, 2, 3, 4, 5);
        }

        @Test
        void rerouteInsertsAStage() {
            List<Integer> out = new CopyOnWriteArrayList<>();
            Pipeline p = inline("insert")
                    .producer("generate", range(1, 6))
                    .processor("double", (Integer n) -> n * 2)
                    .consumer("collect", (Integer n) -> out.add(n))
                    .processor("triple", (Integer n) -> n * 3)
                    .reroute("double", "triple")
                    .reroute("triple", "collect")
                    .build();
            assertThat(down(p, "generate")).containsExactly("insert/double");
            assertThat(down(p, "double")).containsExactly("insert/triple");
            assertThat(down(p, "triple")).containsExactly("insert/collect");
            assertThat(up(p, "collect")).containsExactly("insert/triple");
            runOk(p);
            assertThat(out).containsExactly(6, 12, 18, 24, 30);
        }

        @Test
        void rerouteReplacesExplicitEdges() {
            List<String> out = new CopyOnWriteArrayList<>();
            Pipeline p = inline("replace")
                    .producer("gen", range(0, 2), s -> s.to("a"))
                    .processor("a", (Integer n) -> "a" + n, s -> s.to("save"))
                    .processor("b", (Integer n) -> "b" + n, s -> s.to("save"))
                    .consumer("save", (String s) -> out.add(s))
                    .reroute("gen", "b")
                    .build();
            assertThat(down(p, "gen")).containsExactly("replace/b");
            assertThat(up(p, "a")).isEmpty();
            runOk(p);
            assertThat(out).containsExactly("b0", "b1");
        }

        @Test
        void rerouteRemovesEdgesDeclaredWithFrom() {
            List<String> out = new CopyOnWriteArrayList<>();
            Pipeline p = inline("replaceFrom")
                    .producer("gen", range(0, 2))
                    .processor("a", (Integer n) -> "a" + n, s -> s.from("gen").to("save"))
                    .processor("b", (Integer n) -> "b" + n, s -> s.to("save"))
                    .consumer("save", (String s) -> out.add(s))
                    .reroute("gen", "b")
                    .build();
            assertThat(down(p, "gen")).containsExactly("replaceFrom/b");
            runOk(p);
            assertThat(out).containsExactly("b0", "b1");
        }
    }

    // ---- accounting of the wiring in a real (threaded) run ----------------------------------------------------

    @Test
    void fanOutUnderThreadsDeliversEveryItemToEveryTarget() {
        List<Integer> a = new CopyOnWriteArrayList<>();
        List<Integer> b = new CopyOnWriteArrayList<>();
        Pipeline p = Minigun.pipeline("threadedFanOut")
                .producer("gen", range(0, 200), s -> s.to("a", "b"))
                .consumer("a", (Integer n) -> a.add(n), s -> s.threads(3))
                .consumer("b", (Integer n) -> b.add(n))
                .build();
        RunResult r = runOk(p);
        assertThat(a).containsExactlyInAnyOrderElementsOf(ints(0, 200));
        assertThat(b).containsExactlyElementsOf(ints(0, 200));
        List<String> names = new ArrayList<>();
        for (StageStats s : r.stats().stages()) {
            names.add(s.name());
            assertThat(s.consumed()).as(s.name()).isEqualTo(s.succeeded() + s.failed() + s.cancelled());
        }
        assertThat(names).containsExactly("gen", "a", "b");
    }
}
