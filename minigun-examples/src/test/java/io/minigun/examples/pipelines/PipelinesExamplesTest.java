package io.minigun.examples.pipelines;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
class PipelinesExamplesTest {

    @Test
    void threeChainedPipelinesDoubleOneToFive() {
        assertThat(MultiPipelineSimple.run()).containsExactly(2, 4, 6, 8, 10);
    }

    @Test
    void nestedPipelineDoublesThenAddsTen() {
        assertThat(NestedPipeline.run()).containsExactly(12, 14, 16, 18, 20);
    }

    @Test
    void etlLoadsFiveCleanedAndEnrichedRecordsIntoBothStores() {
        MultiPipelineEtl.Outcome o = MultiPipelineEtl.run();
        assertThat(o.database()).containsExactly(
                new MultiPipelineEtl.Customer(1, "CUSTOMER 1", true, "segment-odd"),
                new MultiPipelineEtl.Customer(2, "CUSTOMER 2", true, "segment-even"),
                new MultiPipelineEtl.Customer(3, "CUSTOMER 3", true, "segment-odd"),
                new MultiPipelineEtl.Customer(4, "CUSTOMER 4", true, "segment-even"),
                new MultiPipelineEtl.Customer(5, "CUSTOMER 5", true, "segment-odd"));
        assertThat(o.cache()).isEqualTo(o.database());
    }

    @Test
    void dataProcessingDropsInvalidEventsAndRoutesTheRestIntoNestedPipelines() {
        DataProcessing.Outcome o = DataProcessing.run();
        assertThat(o.ingested()).hasSize(10);
        assertThat(o.invalid()).containsExactly(0, 4, 8);
        assertThat(o.valid()).containsExactly(1, 2, 3, 5, 6, 7, 9);
        assertThat(o.fast()).containsExactly(3, 6, 9);
        assertThat(o.slow()).containsExactly(1, 2, 5, 7);
    }

    @Test
    void everyTerminalStageOfAPipelineExitsIntoTheNext() {
        assertThat(PipelineExitFanOut.run()).isEqualTo(Map.of(
                "all", List.of(1, 2, 3, 4, 5),
                "even", List.of(2, 4),
                "odd", List.of(1, 3, 5)));
    }

    @Test
    void twoSourcesFanOutToTheEntrancesOfThreePipelines() {
        assertThat(PipelineEntranceFanOut.run()).isEqualTo(Map.of(
                "x", Map.of("a", List.of(12, 14, 16), "b", List.of(11, 13, 15)),
                "y", Map.of("a", List.of(4, 8, 12), "b", List.of(2, 6, 10)),
                "z", Map.of("a", List.of(4, 16, 36), "b", List.of(1, 9, 25))));
    }

    @Test
    void itemsFromAnotherPipelineJoinAPipelinesOwnProducers() {
        assertThat(PipelineWithProducers.run()).containsExactly("b:x1", "b:x2", "b:x3", "b:y1", "b:y2", "b:z1", "b:z2");
    }

    @Test
    void batchesReachAStageInANestedPipelineByName() {
        List<RoutingToNestedStage.Saved> saved = RoutingToNestedStage.run();
        assertThat(saved).extracting(RoutingToNestedStage.Saved::batch)
                .containsExactly(List.of(1, 2), List.of(3, 4), List.of(5));
        assertThat(saved).extracting(RoutingToNestedStage.Saved::pid).doesNotContain(ProcessHandle.current().pid());
        assertThat(RoutingToNestedStage.staticEdgeError())
                .contains("'save' is a stage of nested pipeline 'static-edge-to-nested-stage/storage'")
                .contains("out.to(\"save\").emit(item)");
    }
}
