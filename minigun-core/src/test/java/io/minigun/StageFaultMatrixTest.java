package io.minigun;

import io.minigun.support.Conservation;
import io.minigun.support.MinigunThreads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Exceptions in every stage kind (processor, accumulator, consumer) × every context type: each failing item or batch
 * fails alone after its retries, reaches the dead-letter handler with its reason, and every other item arrives.
 */
@Timeout(120)
@ExtendWith(MinigunThreads.class)
class StageFaultMatrixTest {
    private static final int ITEMS = 60;

    @AfterEach
    void noWorkerIsLeftBehind() {
        await().atMost(15, TimeUnit.SECONDS).until(() -> ProcessHandle.current().descendants().count() == 0);
    }

    static boolean usable(ContextType type) {
        return type != ContextType.VIRTUAL || Runtime.version().feature() >= 21;
    }

    private static StageOptions in(ContextType type) {
        return s -> {
            s.concurrency(type).retries(1).backoff(java.time.Duration.ofMillis(1));
            if (type != ContextType.INLINE) {
                s.poolSize(2);
            }
        };
    }

    /** Items ending in 3 fail in the processor; a batch holding a multiple of 10 fails in the accumulator. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(ContextType.class)
    void failuresInEveryStageKindAreIsolatedRetriedAndDeadLettered(ContextType type) {
        Assumptions.assumeTrue(usable(type), "virtual threads need Java 21; the other context types run on every JDK");
        Set<Object> deadLetters = ConcurrentHashMap.newKeySet();
        Set<Integer> saved = ConcurrentHashMap.newKeySet();
        RunResult result = Minigun.pipeline("faults-" + type.name().toLowerCase())
                .producer("numbers", (Output<Integer> o) -> IntStream.range(0, ITEMS).forEach(o::emit))
                .processor("parse", (Integer n) -> {
                    if (n % 10 == 3) {
                        throw new IllegalStateException("cannot parse " + n);
                    }
                    return n;
                }, in(type).andThen(s -> s.deadLetter(f -> deadLetters.add(f.item()))))
                .accumulator("batch", (List<Integer> batch, Output<List<Integer>> o) -> {
                    if (batch.stream().anyMatch(n -> n % 10 == 0)) {
                        throw new IllegalStateException("cannot batch " + batch);
                    }
                    o.emit(batch);
                }, in(type).andThen(s -> s.maxSize(1).deadLetter(f -> deadLetters.add(f.item()))))
                .consumer("save", (List<Integer> batch) -> {
                    if (batch.get(0) % 10 == 7) {
                        throw new IllegalStateException("cannot save " + batch);
                    }
                    saved.addAll(batch);
                }, in(type).andThen(s -> s.deadLetter(f -> deadLetters.add(f.item()))))
                .build()
                .run();

        Set<Integer> expected = IntStream.range(0, ITEMS).filter(n -> n % 10 != 3 && n % 10 != 0 && n % 10 != 7)
                .boxed().collect(Collectors.toCollection(TreeSet::new));
        assertThat(result.stats().stage("save").succeeded()).isEqualTo(expected.size());
        if (type != ContextType.PROCESS) { // a PROCESS consumer saves in its worker JVMs
            assertThat(new TreeSet<>(saved)).containsExactlyElementsOf(expected);
        }
        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED_WITH_FAILURES);
        assertThat(result.stats().stage("parse").failed()).isEqualTo(6);
        assertThat(result.stats().stage("batch").failed()).isEqualTo(6);
        assertThat(result.stats().stage("save").failed()).isEqualTo(6);
        assertThat(result.stats().stage("parse").retried()).isEqualTo(6);
        assertThat(result.failures()).hasSize(18).allSatisfy(f -> {
            assertThat(f.attempts()).isEqualTo(2);
            assertThat(f.exception()).hasMessageStartingWith("cannot");
        });
        assertThat(deadLetters).hasSize(18)
                .contains(3, 13, 23, 33, 43, 53, List.of(0), List.of(50), List.of(7), List.of(57));
        Conservation.assertHolds(result);
    }
}
