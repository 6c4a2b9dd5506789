package io.minigun.examples.flow;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
class FlowExamplesTest {

    @Test
    void aFullQueueHoldsTheProducerBack() {
        Backpressure.Outcome o = Backpressure.run();
        assertThat(o.consumed()).isEqualTo(IntStream.rangeClosed(1, 50).boxed().toList());
        // the producer fills the queue and more while the consumer sleeps, but never gets further ahead than the
        // queue plus the queue's worth the single worker takes into its hands
        assertThat(o.maxAhead()).isBetween(Backpressure.QUEUE_SIZE + 1, 2 * Backpressure.QUEUE_SIZE);
    }

    @Test
    void routedItemsArriveWhateverTheAwaitSetting() {
        assertThat(AwaitModes.run()).isEqualTo(Map.of("awaiting", List.of(1, 2, 3), "not_awaiting", List.of(1, 2, 3)));
    }

    @Test
    void multiLevelAwaitRoutingReachesEveryLevel() {
        Map<String, List<MultiLevelAwait.Item>> byPath = MultiLevelAwait.run();
        assertThat(byPath.keySet()).containsExactly("error", "high", "low");
        assertThat(byPath.get("high")).extracting(MultiLevelAwait.Item::id)
                .containsExactly(1, 3, 5, 7, 9, 11, 13, 15, 17, 19);
        assertThat(byPath.get("high")).allSatisfy(i -> assertThat(i.steps()).containsExactly("validated", "enriched"));
        assertThat(byPath.get("low")).extracting(MultiLevelAwait.Item::id).containsExactly(2, 6, 10, 14, 18);
        assertThat(byPath.get("low")).allSatisfy(i -> assertThat(i.steps()).containsExactly("processed"));
        assertThat(byPath.get("error")).extracting(MultiLevelAwait.Item::error)
                .containsExactly("id 4 rejected", "id 8 rejected", "id 12 rejected", "id 16 rejected",
                        "id 20 rejected");
    }

    @Test
    void processAwaitWorkersEachGetTheirHalf() {
        Map<String, List<MultiLevelAwait.Item>> byWorker = MultiLevelAwait.runInWorkers();
        assertThat(byWorker.get("a")).extracting(MultiLevelAwait.Item::id).containsExactly(2, 4, 6, 8, 10);
        assertThat(byWorker.get("b")).extracting(MultiLevelAwait.Item::id).containsExactly(1, 3, 5, 7, 9);
        long pidA = byWorker.get("a").get(0).pid();
        long pidB = byWorker.get("b").get(0).pid();
        assertThat(byWorker.get("a")).extracting(MultiLevelAwait.Item::pid).containsOnly(pidA);
        assertThat(byWorker.get("b")).extracting(MultiLevelAwait.Item::pid).containsOnly(pidB);
        assertThat(pidA).isNotIn(pidB, ProcessHandle.current().pid());
    }
}
