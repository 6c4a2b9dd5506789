package io.minigun.support;

import io.minigun.PipelineExecutionException;
import io.minigun.RunResult;
import io.minigun.stats.StageStats;
import org.assertj.core.api.SoftAssertions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conservation invariant of SPEC §3.3, checked on a finished run: for every stage,
 * {@code consumed = succeeded + failed + cancelled}, every stage has ended, and no counter is negative.
 */
public final class Conservation {
    private Conservation() {
    }

    /** Asserts the invariant for every stage of a finished run; returns the result for chaining. */
    public static RunResult assertHolds(RunResult result) {
        assertThat(result).as("run result").isNotNull();
        assertThat(result.stats().stages()).as("stages of %s", result.pipeline()).isNotEmpty();
        SoftAssertions soft = new SoftAssertions();
        for (StageStats s : result.stats().stages()) {
            String where = s.pipeline() + "/" + s.name() + " [" + s.line().trim() + "]";
            soft.assertThat(s.consumed())
                    .as("conservation at %s: consumed = succeeded + failed + cancelled", where)
                    .isEqualTo(s.succeeded() + s.failed() + s.cancelled());
            soft.assertThat(s.ended()).as("stage %s has ended once the run is done", where).isTrue();
            soft.assertThat(java.util.stream.LongStream.of(s.produced(), s.consumed(), s.succeeded(), s.failed(),
                    s.retried(), s.cancelled(), s.discarded()).min().orElse(0))
                    .as("counters of %s are never negative", where).isGreaterThanOrEqualTo(0);
        }
        soft.assertAll();
        return result;
    }

    /** The same for the result carried by a failed run's exception. */
    public static RunResult assertHolds(PipelineExecutionException failure) {
        assertThat(failure.result()).as("result carried by %s", failure).isNotNull();
        return assertHolds(failure.result());
    }

    /**
     * For a static edge {@code from → to} where {@code to} is {@code from}'s only downstream and {@code from} is
     * {@code to}'s only upstream: every item {@code from} emitted (and did not discard) was consumed by {@code to}
     * (processed, failed or cancelled there), i.e. nothing was dropped in between.
     */
    public static void assertDelivered(RunResult result, String from, String to) {
        StageStats a = result.stats().stage(from);
        StageStats b = result.stats().stage(to);
        assertThat(b.consumed())
                .as("every item emitted by %s reaches %s (emitted=%d, discarded=%d, consumed downstream=%d)",
                        from, to, a.produced(), a.discarded(), b.consumed())
                .isEqualTo(a.produced() - a.discarded());
    }
}
