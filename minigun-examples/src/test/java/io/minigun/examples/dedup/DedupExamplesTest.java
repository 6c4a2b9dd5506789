package io.minigun.examples.dedup;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
class DedupExamplesTest {

    @Test
    void numbersKeepTheirFirstOccurrence() {
        assertThat(Deduplicator.run(List.of(1, 2, 3, 2, 4, 1, 5, 3, 6, 4), n -> n)).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void usersAreDeduplicatedById() {
        List<Deduplicator.User> users = Deduplicator.run(List.of(new Deduplicator.User(1, "Alice"),
                new Deduplicator.User(2, "Bob"), new Deduplicator.User(1, "Alice"), new Deduplicator.User(3, "Charlie"),
                new Deduplicator.User(2, "Bob (duplicate)"), new Deduplicator.User(4, "David")), Deduplicator.User::id);
        assertThat(users).extracting(Deduplicator.User::name).containsExactly("Alice", "Bob", "Charlie", "David");
    }

    @Test
    void aHundredItemsModuloTwentyGiveTwenty() {
        assertThat(Deduplicator.run(IntStream.range(0, 100).map(i -> i % 20).boxed().toList(), n -> n))
                .isEqualTo(IntStream.range(0, 20).boxed().toList());
    }
}
