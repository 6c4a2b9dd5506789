package io.minigun.internal.runtime;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The sliding window's arithmetic, with times passed in (no clock, no sleeping). */
class LiveWindowTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long START = 1_000 * SECOND;
    private static final LiveWindow.Sample ORIGIN = new LiveWindow.Sample(START, new long[]{0});

    private static LiveWindow.Sample at(double seconds, long count) {
        return new LiveWindow.Sample(START + (long) (seconds * SECOND), new long[]{count});
    }

    @Test
    void aYoungRunHasItsRatesSinceItsStart() {
        LiveWindow window = new LiveWindow();
        LiveWindow.Sample now = at(2, 400);
        LiveWindow.Sample base = window.advance(now, ORIGIN);
        assertThat(base).isSameAs(ORIGIN);
        assertThat(now.rate(base, 0)).isCloseTo(200, within(1e-9));
    }

    @Test
    void ratesAreOverTheLastWindowOnly() {
        LiveWindow window = new LiveWindow();
        // 100 items/s for 10 s, read every second
        for (int s = 1; s <= 10; s++) {
            window.advance(at(s, 100L * s), ORIGIN);
        }
        // then 1,000 items/s for 5 s: the window forgets the slow start
        LiveWindow.Sample base = null;
        LiveWindow.Sample now = null;
        for (int s = 1; s <= 5; s++) {
            now = at(10 + s, 1_000 + 1_000L * s);
            base = window.advance(now, ORIGIN);
        }
        assertThat(now.nanos() - base.nanos()).isEqualTo(5 * SECOND);
        assertThat(now.rate(base, 0)).isCloseTo(1_000, within(1e-9));
    }

    @Test
    void copiesAreKeptAtMostEveryStep() {
        LiveWindow window = new LiveWindow();
        window.advance(at(10, 1_000), ORIGIN);
        // four reads within one step keep nothing new: the base stays the copy of t=10
        for (int i = 1; i <= 4; i++) {
            LiveWindow.Sample base = window.advance(at(10 + i * 0.05, 1_000 + i), ORIGIN);
            assertThat(base.nanos()).isEqualTo(at(10, 0).nanos());
        }
        // a read past the window still has the t=10 copy (the newest kept) as base, not a copy from within the step
        LiveWindow.Sample base = window.advance(at(20, 2_000), ORIGIN);
        assertThat(base.values()).containsExactly(1_000);
    }

    @Test
    void aRunNotReadForLongerThanTheWindowUsesItsNewestCopy() {
        LiveWindow window = new LiveWindow();
        window.advance(at(10, 1_000), ORIGIN);
        LiveWindow.Sample now = at(40, 7_000);
        LiveWindow.Sample base = window.advance(now, ORIGIN);
        assertThat(now.rate(base, 0)).isCloseTo(200, within(1e-9));
        // the next read, a second later, is over the copy kept at t=40
        LiveWindow.Sample next = at(41, 7_500);
        assertThat(next.rate(window.advance(next, ORIGIN), 0)).isCloseTo(500, within(1e-9));
    }

    @Test
    void theRingForgetsItsOldestCopiesWhenFull() {
        LiveWindow window = new LiveWindow();
        for (int i = 1; i <= 200; i++) {
            window.advance(at(10 + i * 0.25, i), ORIGIN);
        }
        LiveWindow.Sample now = at(10 + 201 * 0.25, 201);
        LiveWindow.Sample base = window.advance(now, ORIGIN);
        assertThat(now.nanos() - base.nanos()).isLessThanOrEqualTo(LiveWindow.WINDOW_NANOS)
                .isGreaterThanOrEqualTo(LiveWindow.WINDOW_NANOS - LiveWindow.STEP_NANOS);
        assertThat(now.rate(base, 0)).isCloseTo(4, within(1e-9));
    }

    @Test
    void noTimePassedMeansNoRateAndCountersNeverGoBackwards() {
        LiveWindow.Sample a = at(3, 10);
        assertThat(a.rate(a, 0)).isZero();
        assertThat(at(4, 5).rate(a, 0)).isZero();
        assertThat(at(4, 5).delta(a, 0)).isZero();
    }
}
