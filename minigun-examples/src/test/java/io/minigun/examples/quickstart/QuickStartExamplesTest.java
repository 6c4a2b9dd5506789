package io.minigun.examples.quickstart;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
class QuickStartExamplesTest {

    @Test
    void quickStartDoublesZeroToNine() {
        assertThat(QuickStart.run()).containsExactly(0, 2, 4, 6, 8, 10, 12, 14, 16, 18);
    }

    @Test
    void simpleDslDoublesOneToFive() {
        assertThat(SimpleDsl.run()).containsExactly(2, 4, 6, 8, 10);
    }

    @Test
    void sequentialStagesDoubleThenAddTen() {
        assertThat(SequentialDefault.run()).containsExactly(12, 14, 16);
    }

    @Test
    void annotatedQuickStartDoublesZeroToNine() {
        assertThat(AnnotatedQuickStart.run()).containsExactly(0, 2, 4, 6, 8, 10, 12, 14, 16, 18);
    }
}
