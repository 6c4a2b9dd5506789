package io.minigun.examples.apps;

import io.minigun.RunStatus;
import io.minigun.stats.StageStats;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(120)
class EnrichOverKafkaTest {

    @AfterAll
    static void forgetTheBroker() {
        // the embedded broker publishes its address for Spring contexts started later in this JVM
        System.clearProperty("spring.kafka.bootstrap-servers");
    }

    @Test
    void everyOrderIsPricedOnceAndEveryInstanceShares() throws Exception {
        EnrichOverKafka.Outcome outcome = EnrichOverKafka.run();

        assertThat(outcome.result().status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(outcome.orders()).isEqualTo(1_000);
        assertThat(outcome.totalCents()).isEqualTo(3L * 1_000 * 1_001 / 2);
        assertThat(outcome.enrichedBy()).containsOnlyKeys("coordinator", "instance-2", "instance-3")
                .allSatisfy((instance, count) -> assertThat(count).isPositive());
        assertThat(outcome.enrichedBy().values().stream().mapToInt(Integer::intValue).sum())
                .as("stage code runs: at least once per order").isGreaterThanOrEqualTo(1_000);
        StageStats enrich = outcome.result().stats().stage("enrich");
        assertThat(enrich.consumed()).isEqualTo(1_000);
        assertThat(enrich.succeeded()).isEqualTo(1_000);
    }
}
