package io.minigun.examples.contexts;

import io.minigun.ContextType;
import io.minigun.Minigun;
import io.minigun.PipelineDefinitionException;
import io.minigun.RunStatus;
import io.minigun.examples.Examples;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@Timeout(60)
class ContextsExamplesTest {

    private static final long PARENT = ProcessHandle.current().pid();

    @AfterEach
    void noWorkerJvmIsLeftBehind() {
        await().atMost(Duration.ofSeconds(15)).until(() -> ProcessHandle.current().children().count() == 0);
    }

    @Test
    void inlineStageKeepsOrder() {
        assertThat(InlineExecution.run()).containsExactly(0, 2, 4, 6, 8);
    }

    @Test
    void threadPoolsComputeEveryItem() {
        assertThat(ThreadExecution.run(5, 10, 2)).containsExactly(0, 2, 4, 6, 8, 10, 12, 14, 16, 18);
        assertThat(ThreadExecution.run(5, 10, 3)).containsExactly(0, 3, 6, 9, 12, 15, 18, 21, 24, 27);
        assertThat(ThreadExecution.run(10, 50, 2)).isEqualTo(IntStream.range(0, 50).map(n -> n * 2).boxed().toList());
    }

    @Test
    void aFailingItemOnAThreadPoolFailsAlone() {
        ThreadErrors.Outcome o = ThreadErrors.run();
        assertThat(o.results()).containsExactly(0, 2, 6, 8);
        assertThat(o.run().status()).isEqualTo(RunStatus.COMPLETED_WITH_FAILURES);
        assertThat(o.run().failed()).isEqualTo(1);
        assertThat(o.run().failures().get(0).item()).isEqualTo(2);
        assertThat(o.run().failures().get(0).stage()).isEqualTo("process");
        assertThat(o.run().failures().get(0).exception()).hasMessage("cannot process 2");
    }

    @Test
    void processStageComputesInWorkerJvms() {
        List<ProcessExecution.Computed> computed = ProcessExecution.run();
        assertThat(computed).extracting(ProcessExecution.Computed::item).containsExactlyInAnyOrder(1, 2, 3);
        assertThat(computed).allSatisfy(c -> {
            assertThat(c.result()).isEqualTo(c.item() * 100);
            assertThat(c.pid()).isNotEqualTo(PARENT);
        });
    }

    @Test
    void namedContextsPlaceTheirStages() {
        NamedContexts.Outcome o = NamedContexts.run();
        assertThat(o.placement()).containsExactly(
                Map.entry("download", "THREAD×8"), Map.entry("parse", "PROCESS×2"), Map.entry("tag", "THREAD×4"));
        assertThat(o.results()).containsExactly("PAGE-1!", "PAGE-2!", "PAGE-3!", "PAGE-4!", "PAGE-5!", "PAGE-6!");
    }

    @Test
    void threadThenTwoProcessStagesThenTheParent() {
        List<ProcessChain.Item> items = ProcessChain.run();
        assertThat(items).extracting(ProcessChain.Item::id).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(items).allSatisfy(i -> {
            assertThat(i.enrichedBy()).isEqualTo(PARENT);
            assertThat(i.computedBy()).isNotEqualTo(PARENT);
            assertThat(i.transformedBy()).isNotIn(PARENT, i.computedBy());
        });
    }

    @Test
    void splitterInAWorkerRoutesToThreeProcessStages() {
        assertThat(ProcessSplitter.run()).isEqualTo(Map.of(
                "a", List.of(1, 4, 7, 10),
                "b", List.of(2, 5, 8, 11),
                "c", List.of(3, 6, 9, 12)));
    }

    @Test
    void threeProducersFanInToAProcessAggregator() {
        assertThat(ProcessFanIn.run()).isEqualTo(Map.of(
                "A", List.of(1, 2, 3, 4), "B", List.of(1, 2, 3, 4), "C", List.of(1, 2, 3, 4)));
    }

    @Test
    void aRouterReachesStagesInThreeContexts() {
        assertThat(CrossContextRouting.run()).isEqualTo(Map.of(
                "fast", List.of("2@parent", "4@parent", "6@parent", "8@parent", "12@parent", "14@parent"),
                "heavy", List.of("5@worker", "10@worker", "15@worker"),
                "slow", List.of("1@parent", "3@parent", "7@parent", "9@parent", "11@parent", "13@parent")));
    }

    @Test
    void aWorkerRunsAPipelineWithWorkersOfItsOwn() {
        List<NestedRunInWorker.Handled> handled = NestedRunInWorker.run();
        assertThat(handled).extracting(NestedRunInWorker.Handled::id)
                .isEqualTo(IntStream.rangeClosed(1, 12).boxed().toList());
        assertThat(handled).allSatisfy(h -> {
            assertThat(h.outerPid()).isNotEqualTo(PARENT);
            assertThat(h.innerPid()).isNotIn(PARENT, h.outerPid());
        });
        for (int batch = 0; batch < 3; batch++) {
            List<NestedRunInWorker.Handled> four = handled.subList(batch * 4, batch * 4 + 4);
            assertThat(four).extracting(NestedRunInWorker.Handled::outerPid).as("batch %d: one outer worker", batch)
                    .containsOnly(four.get(0).outerPid());
            assertThat(four).extracting(NestedRunInWorker.Handled::innerPid).as("batch %d: one inner worker", batch)
                    .containsOnly(four.get(0).innerPid());
        }
    }

    @Test
    void anAnnotatedClassRunsItsComputeStageInAWorkerInOrder() {
        List<AnnotatedProcessStage.Row> rows = AnnotatedProcessStage.run();
        assertThat(rows).extracting(AnnotatedProcessStage.Row::id).containsExactly(0, 1, 2, 3, 4);
        assertThat(rows).extracting(AnnotatedProcessStage.Row::value).containsExactly(0, 10, 20, 30, 40);
        assertThat(rows).extracting(AnnotatedProcessStage.Row::computed).containsExactly(0, 100, 400, 900, 1600);
        assertThat(rows).extracting(AnnotatedProcessStage.Row::pid).doesNotContain(PARENT)
                .containsOnly(rows.get(0).pid());
    }

    @Test
    void contextsAreSetAtThreeLevels() {
        ContextLevels.Outcome o = ContextLevels.run();
        assertThat(o.placement()).containsExactly(
                Map.entry("download", "THREAD×12"), Map.entry("validate", "THREAD×6"),
                Map.entry("process_batch", "PROCESS×2"), Map.entry("add_ten", "THREAD×3"));
        assertThat(o.results()).containsExactly(214, 218, 222, 226);
    }

    @Test
    void processFanOutThenFanInLosesNothing() {
        assertThat(ProcessFanOutFanIn.run()).isEqualTo(Map.of(
                "a", List.of(1, 4, 7), "b", List.of(2, 5, 8), "c", List.of(3, 6, 9)));
    }

    @Test
    void virtualThreadsWhereJavaHasThemElsePlatformThreads() {
        VirtualThreads.Outcome o = VirtualThreads.run();
        assertThat(o.results()).containsExactly(0, 1, 4, 9, 16);
        assertThat(o.context()).isEqualTo(Runtime.version().feature() >= 21 ? ContextType.VIRTUAL : ContextType.THREAD);
    }

    @Test
    void virtualBelowJava21FailsTheBuild() {
        assumeTrue(Runtime.version().feature() < 21, "Java 21+ has virtual threads");
        assertThatThrownBy(() -> Minigun.pipeline("virtual-on-17")
                .producer("generate", Examples.numbers(0, 1))
                .consumer("io", (Integer n) -> { }, s -> s.concurrency(ContextType.VIRTUAL))
                .build())
                .isInstanceOf(PipelineDefinitionException.class)
                .hasMessageContaining("VIRTUAL");
    }

    @Test
    void routersReachProcessStagesInsideNestedPipelines() {
        assertThat(NestedProcessRouting.run(List.of("inner_a", "inner_b", "inner_c"), false)).isEqualTo(Map.of(
                "inner_a", List.of(1, 4, 7), "inner_b", List.of(2, 5, 8), "inner_c", List.of(3, 6, 9)));
        assertThat(NestedProcessRouting.run(List.of("inner_x", "inner_y"), true)).isEqualTo(Map.of(
                "inner_x", List.of(1, 3, 5), "inner_y", List.of(2, 4, 6)));
    }

    @Test
    void eachStageRunsWhereItSaysAndBothBranchesGetEveryBatch() {
        StrategyPerStage.Outcome o = StrategyPerStage.run();
        List<Integer> oneToTen = IntStream.rangeClosed(1, 10).boxed().toList();
        assertThat(o.saved()).isEqualTo(oneToTen);
        assertThat(o.logged()).isEqualTo(oneToTen);
        assertThat(o.savedBatchSizes()).containsExactly(1, 3, 3, 3);
        assertThat(o.loggedBatchSizes()).containsExactly(1, 3, 3, 3);
        assertThat(o.savePids()).isNotEmpty().doesNotContain(PARENT);
        assertThat(o.placement()).containsEntry("heavy_save", "PROCESS×2").containsEntry("light_log", "THREAD×5");
    }

    @Test
    void namedContextsPoolsBatchesAndWorkersTogetherHandleEveryItemOnce() {
        List<Integer> all = IntStream.range(0, 200).boxed().toList();
        ComprehensiveExecution.Outcome o = ComprehensiveExecution.run(ComprehensiveExecution.Settings.DEFAULT);
        assertThat(o.uploaded()).isEqualTo(all);
        assertThat(o.downloaded()).isEqualTo(200);
        assertThat(o.parsed()).isEqualTo(200);
        assertThat(o.parseBatches()).isEqualTo(2);
        assertThat(o.parsePids()).isNotEmpty().doesNotContain(PARENT);
        assertThat(o.placement()).isEqualTo(Map.of(
                "check_cache", "THREAD×10", "download", "THREAD×50", "extract_metadata", "THREAD×50",
                "parse_batch", "PROCESS×2", "save_to_db", "THREAD×5", "upload_to_s3", "THREAD×20"));

        ComprehensiveExecution.Outcome high =
                ComprehensiveExecution.run(ComprehensiveExecution.Settings.HIGH_CONCURRENCY);
        assertThat(high.uploaded()).isEqualTo(all);
        assertThat(high.parseBatches()).isEqualTo(4);
        assertThat(high.placement()).containsEntry("download", "THREAD×100").containsEntry("parse_batch", "PROCESS×4")
                .containsEntry("upload_to_s3", "THREAD×50");
    }
}
