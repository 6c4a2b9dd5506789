package io.minigun.internal.worker;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InFlightWindowTest {
    private static final int[] FIRST_THREE = {0, 1, 2};

    @Test
    void itemsAreSettledOldestFirstAcrossTheWrapOfTheRing() {
        InFlightWindow window = new InFlightWindow(4);
        window.record(new Object[] {"a", "b", "c"}, null, FIRST_THREE, 3);
        assertThat(window.settle(2, true)).containsExactly("a", "b");
        window.record(new Object[] {"d", "e", "f"}, null, FIRST_THREE, 3);

        assertThat(window.size()).isEqualTo(4);
        assertThat(window.free()).isZero();
        assertThat(window.settle(4, true)).containsExactly("c", "d", "e", "f");
        assertThat(window.size()).isZero();
    }

    @Test
    void recordingMoreThanTheFreeRoomIsRefusedAndRecordsNothing() {
        InFlightWindow window = new InFlightWindow(2);
        window.record(new Object[] {"a"}, null, new int[] {0}, 1);

        assertThatThrownBy(() -> window.record(new Object[] {"b", "c"}, null, new int[] {0, 1}, 2))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("overrun")
                .hasMessageContaining("1 free of 2");
        assertThat(window.size()).isEqualTo(1);
    }

    @Test
    void settlingMoreThanIsHeldIsAProtocolError() {
        InFlightWindow window = new InFlightWindow(4);
        window.record(new Object[] {"a"}, null, new int[] {0}, 1);

        assertThatThrownBy(() -> window.settle(2, false)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("settled 2 items but holds 1");
    }

    @Test
    void closingHandsOverEveryHeldItemWithItsAttemptsAndRefusesMore() {
        InFlightWindow window = new InFlightWindow(4);
        window.record(new Object[] {"x", "a", "b"}, new int[] {0, 2, 1}, new int[] {1, 2}, 2);

        InFlightWindow.Held held = window.close();

        assertThat(held.items()).containsExactly("a", "b");
        assertThat(held.attempts()).containsExactly(2, 1);
        assertThat(held.headAlone()).isFalse();
        assertThat(window.isClosed()).isTrue();
        assertThat(window.free()).isZero();
        assertThat(window.record(new Object[] {"c"}, null, new int[] {0}, 1)).isFalse();
        assertThat(window.size()).isZero();
    }

    @Test
    void anItemSentAloneIsKnownToBeInHandWhenTheWorkerDies() {
        InFlightWindow window = new InFlightWindow(4);
        window.record(new Object[] {"poison"}, null, new int[] {0}, 1);
        window.record(new Object[] {"a", "b"}, null, new int[] {0, 1}, 2);

        assertThat(window.close().headAlone()).isTrue();
    }

    @Test
    void receiptsCountedByAnEarlierWorkerAreNotCountedAgain() {
        InFlightWindow window = new InFlightWindow(8);
        window.countAhead(3);
        window.record(new Object[] {"a", "b", "c", "d", "e"}, null, new int[] {0, 1, 2, 3, 4}, 5);

        assertThat(window.received(2)).isZero();
        assertThat(window.received(3)).isEqualTo(2);
        InFlightWindow.Held held = window.close();
        assertThat(held.received()).as("received by this worker, or counted ahead and not received yet")
                .isEqualTo(5);
    }
}
