package io.minigun.internal.worker;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How many items a worker may hold, from what items cost. */
class ItemCostTest {

    @Test
    void beforeAnySampleAWorkerHoldsTwoItemsSoThatASlowFirstItemStarvesNoOne() {
        assertThat(ItemCost.adaptive(1024).limit()).isEqualTo(ItemCost.INITIAL_LIMIT);
    }

    @Test
    void fastItemsFillTheWindowAndSlowItemsAreSpread() {
        ItemCost fast = ItemCost.adaptive(1024);
        fast.sample(500); // 0.5 µs an item: 2 ms of work is 4,000 items, capped by the window
        ItemCost medium = ItemCost.adaptive(1024);
        medium.sample(20_000); // 20 µs: 100 items
        ItemCost slow = ItemCost.adaptive(1024);
        slow.sample(150_000_000); // 150 ms: never fewer than two

        assertThat(fast.limit()).isEqualTo(1024);
        assertThat(medium.limit()).isEqualTo(100);
        assertThat(slow.limit()).isEqualTo(ItemCost.INITIAL_LIMIT);
    }

    @Test
    void theCostFollowsAMovingAverage() {
        ItemCost cost = ItemCost.adaptive(1024);
        cost.sample(150_000_000);
        for (int i = 0; i < 200; i++) {
            cost.sample(20_000);
        }

        assertThat(cost.limit()).isBetween(95, 105);
    }

    @Test
    void anAccumulatorsLimitIsFixedWhateverItsItemsCost() {
        ItemCost fixed = ItemCost.fixed(2048);
        fixed.sample(150_000_000);

        assertThat(fixed.limit()).isEqualTo(2048);
    }
}
