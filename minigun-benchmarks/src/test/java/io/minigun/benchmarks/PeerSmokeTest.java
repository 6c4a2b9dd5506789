package io.minigun.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every registered implementation (the peers, and Minigun's once it exists) in-process on tiny inputs and
 * checks each answer against an independent formula. A smoke test of correctness only: it never looks at time.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PeerSmokeTest {

    /** Tiny sizes: a round number, and one that leaves a partial last batch. io-bound stays near its concurrency. */
    static Stream<Arguments> pairs() {
        return Implementations.all().stream().flatMap(implementation -> Stream.of(Workload.values())
                .filter(implementation::supports)
                .flatMap(workload -> workload == Workload.IO_BOUND
                        ? Stream.of(Arguments.of(implementation, workload, 200L),
                                Arguments.of(implementation, workload, 317L))
                        : Stream.of(Arguments.of(implementation, workload, 10_000L),
                                Arguments.of(implementation, workload, 1_037L))));
    }

    @ParameterizedTest(name = "{0} on {1} with n={2}")
    @MethodSource("pairs")
    void computesTheExpectedResult(Implementation implementation, Workload workload, long n) throws Exception {
        assertThat(implementation.run(workload, n)).isEqualTo(expected(workload, n));
    }

    /**
     * The warm variant's worker JVMs outlive its rounds on purpose; JUnit closes every implementation after its
     * invocation (they are {@link AutoCloseable} arguments), and nothing may outlive that.
     */
    @AfterAll
    static void noWorkerJvmOutlivesItsImplementation() {
        assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive))
                .as("worker JVMs left running").isEmpty();
    }

    /** Written out here rather than taken from {@link Workload#expected(long)}, so that the two check each other. */
    private static long expected(Workload workload, long n) {
        switch (workload) {
            case LINEAR:
            case LINEAR_ASYNC:
            case PROCESS:
                return 2 * (n * (n - 1) / 2);
            case BATCH:
                return n * (n - 1) / 2;
            case IO_BOUND:
                return n;
            case CPU_PARALLEL:
                long sum = 0;
                for (int x = 0; x < n; x++) {
                    sum += Work.mix(x);
                }
                return sum;
            default:
                throw new AssertionError(workload);
        }
    }
}
