package io.minigun.examples.stats;

import io.minigun.RunResult;
import io.minigun.stats.StageStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
class StatsExamplesTest {

    @Test
    void statsCountEveryStage() {
        RunResult r = StatisticsDemo.run();
        assertThat(r.produced()).isEqualTo(20);
        assertThat(r.consumed()).isEqualTo(9);
        assertThat(r.failed()).isZero();
        assertThat(r.stats().stages()).extracting(StageStats::name)
                .containsExactly("generate", "validate", "process", "collect");
        StageStats validate = r.stats().stage("validate");
        assertThat(validate.consumed()).isEqualTo(20);
        assertThat(validate.succeeded()).isEqualTo(20);
        assertThat(validate.produced()).as("values above 50").isEqualTo(9);
        assertThat(r.stats().stage("process").consumed()).isEqualTo(9);
        assertThat(r.stats().stage("process").produced()).isEqualTo(9);
        assertThat(r.stats().stage("collect").succeeded()).isEqualTo(9);
        assertThat(r.stats().bottleneck()).isPresent();
        assertThat(r.stats().summary()).startsWith("Pipeline 'statistics': 20 produced, 9 consumed");
    }
}
