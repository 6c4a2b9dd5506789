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
}
