package io.minigun.examples.errors;

import io.minigun.RunStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class ErrorsExamplesTest {

    @Test
    void retriesRecoverAndDeadLettersKeepWhatFailed() {
        RetriesAndDeadLetters.Outcome o = RetriesAndDeadLetters.run();
        assertThat(o.saved()).isEqualTo(IntStream.rangeClosed(1, 20).filter(i -> i != 13 && i != 15).boxed().toList());
        assertThat(o.attempts()).isEqualTo(Map.of(7, 2));
        assertThat(o.deadLetters()).containsExactlyInAnyOrder(
                new RetriesAndDeadLetters.DeadLetter("validate", 13, "invalid id 13"),
                new RetriesAndDeadLetters.DeadLetter("save", 15, "database rejected 15"));
        assertThat(o.run().status()).isEqualTo(RunStatus.COMPLETED_WITH_FAILURES);
        assertThat(o.run().failed()).isEqualTo(2);
        assertThat(o.run().stats().stage("transform").retried()).isEqualTo(1);
        assertThat(o.run().stats().stage("save").failed()).isEqualTo(1);
    }
}
