package io.minigun.examples.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class TestingExamplesTest {

    private static final long PARENT = ProcessHandle.current().pid();

    @Test
    void forceInlineRunsEverythingOnTheCallersThreadInOrder() {
        ForceInlineTesting.Outcome o = ForceInlineTesting.run(true);
        assertThat(o.planIsInline()).isTrue();
        assertThat(ForceInlineTesting.values(o)).containsExactly(-1, -4, -9, -16, -25, -36, -49, -64);
        assertThat(o.results()).allSatisfy(r -> {
            assertThat(r.pid()).isEqualTo(PARENT);
            assertThat(r.collectedOn()).isEqualTo(Thread.currentThread().getName());
        });
    }

    @Test
    void withoutItTheSameDefinitionRunsInPoolsAndWorkers() {
        ForceInlineTesting.Outcome o = ForceInlineTesting.run(false);
        assertThat(o.planIsInline()).isFalse();
        assertThat(ForceInlineTesting.values(o)).containsExactlyInAnyOrder(-1, -4, -9, -16, -25, -36, -49, -64);
        assertThat(o.results()).allSatisfy(r -> {
            assertThat(r.pid()).isNotEqualTo(PARENT);
            assertThat(r.collectedOn()).isNotEqualTo(Thread.currentThread().getName());
        });
    }
}
