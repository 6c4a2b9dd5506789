package io.minigun.internal.stats;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Weighted samples: busy time and percentiles count every item a sample stands for, in bounded memory. */
class LatencyReservoirTest {
    private static final long FAST = 100;
    private static final long SLOW = 1_000_000;

    @Test
    void percentilesAreWeightedNearestRanks() {
        LatencyReservoir reservoir = new LatencyReservoir(8);
        reservoir.record(10, 3);
        reservoir.record(20, 1);

        assertThat(LatencyReservoir.percentiles(List.of(reservoir.snapshot()), 50, 75, 76, 99))
                .containsExactly(10, 10, 20, 20);
    }

    @Test
    void noSampleReadsZero() {
        assertThat(LatencyReservoir.percentiles(List.of(new LatencyReservoir(8).snapshot()), 50, 99))
                .containsExactly(0, 0);
        assertThat(LatencyReservoir.percentiles(List.of(), 50)).containsExactly(0);
    }

    @Test
    void sparseFastSamplesOutweighDenseSlowOnesAndTheTotalCountsEveryItem() {
        // 128,000 fast items timed one in 128, 100 slow items all timed: 0.08 % of the items are slow
        LatencyReservoir reservoir = new LatencyReservoir(256);
        for (int i = 0; i < 1100; i++) {
            if (i % 11 == 10) {
                reservoir.record(SLOW, 1);
            } else {
                reservoir.record(FAST, 128);
            }
        }
        LatencyReservoir.Snapshot snapshot = reservoir.snapshot();

        assertThat(snapshot.nanos()).as("bounded").hasSize(256);
        assertThat(snapshot.items()).isEqualTo(128_100);
        assertThat(snapshot.totalNanos()).isEqualTo(128_000 * FAST + 100 * SLOW);
        assertThat(LatencyReservoir.percentiles(List.of(snapshot), 50, 99)).containsExactly(FAST, FAST);
    }

    @Test
    void aLaneThatRecordedMoreCountsForMoreThanTheSamplesItKept() {
        // one lane: 10,000 fast items; the other: 300 slow ones; 2.9 % of the stage's items are slow
        LatencyReservoir busyLane = new LatencyReservoir(256);
        for (int i = 0; i < 10_000; i++) {
            busyLane.record(FAST, 1);
        }
        LatencyReservoir slowLane = new LatencyReservoir(256);
        for (int i = 0; i < 300; i++) {
            slowLane.record(SLOW, 1);
        }

        assertThat(LatencyReservoir.percentiles(List.of(busyLane.snapshot(), slowLane.snapshot()), 50, 95, 99))
                .containsExactly(FAST, FAST, SLOW);
    }

    @Test
    void keepsTheLatestSamplesInOrderForARecentWindow() {
        LatencyReservoir reservoir = new LatencyReservoir(8);
        for (int i = 1; i <= 100; i++) {
            reservoir.record(i, 2);
        }
        assertThat(reservoir.observations()).isEqualTo(100);
        LatencyReservoir.Snapshot lastThree = reservoir.recentSince(97);
        assertThat(lastThree.nanos()).containsExactly(98, 99, 100);
        assertThat(lastThree.weights()).containsExactly(2, 2, 2);
        assertThat(lastThree.items()).isEqualTo(6);
        assertThat(lastThree.totalNanos()).isEqualTo(2 * (98 + 99 + 100));
        assertThat(reservoir.recentSince(0).nanos()).hasSize(LatencyReservoir.RECENT).endsWith(100);
        assertThat(reservoir.recentSince(100).nanos()).isEmpty();
        assertThat(LatencyReservoir.percentiles(List.of(lastThree), 50)).containsExactly(99);
        assertThat(reservoir.totalNanos()).isEqualTo(2L * 100 * 101 / 2);
    }
}
