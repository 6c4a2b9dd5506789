package io.minigun.internal.runtime;

import io.minigun.execution.Plans;
import io.minigun.ErrorPolicy;
import io.minigun.ItemFailure;
import io.minigun.Minigun;
import io.minigun.Output;
import io.minigun.PipelineAbortException;
import io.minigun.RunResult;
import io.minigun.RunStatus;
import io.minigun.StageOptions;
import io.minigun.internal.plan.Plan;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The failure rules of a run, checked on a run that is wired but never started (no thread involved). */
class RunFailuresTest {
    private final List<ItemFailure> deadLetters = new ArrayList<>();

    private Run run(StageOptions workOptions) {
        Plan plan = Plans.of(Minigun.pipeline("failures")
                .producer("numbers", (Output<Integer> out) -> out.emit(1))
                .processor("work", (Integer n) -> n, workOptions)
                .consumer("sink", (Integer n) -> { })
                .build()
                .plan());
        return new Run(plan, Map.of());
    }

    private static StageRuntime stage(Run run, String name) {
        for (StageRuntime stage : run.stages()) {
            if (stage.name.equals(name)) {
                return stage;
            }
        }
        throw new AssertionError(name);
    }

    @Test
    void anItemFailureIsKeptCountedAndDeadLetteredWithoutStoppingTheRun() {
        Run run = run(s -> s.deadLetter(deadLetters::add));
        IllegalStateException cause = new IllegalStateException("bad item");

        run.failures.itemFailed(stage(run, "work"), 7, cause, 3);

        assertThat(run.failures.count()).isEqualTo(1);
        assertThat(deadLetters).singleElement().satisfies(f -> {
            assertThat(f.item()).isEqualTo(7);
            assertThat(f.attempts()).isEqualTo(3);
            assertThat(f.stage()).isEqualTo("work");
        });
        assertThat(run.stopping).isFalse();
        assertThat(run.endStatus()).isEqualTo(RunStatus.COMPLETED_WITH_FAILURES);
    }

    @Test
    void aDeadLetterHandlerThatThrowsLosesNothing() {
        Run run = run(s -> s.deadLetter(f -> {
            throw new OutOfMemoryError("dead-letter store");
        }));

        run.failures.itemFailed(stage(run, "work"), 7, new IllegalStateException("bad item"), 1);

        assertThat(run.failures.kept()).singleElement().satisfies(f -> assertThat(f.item()).isEqualTo(7));
        assertThat(run.stopping).isFalse();
    }

    @Test
    void failFastStopsTheRunWithTheFirstFailureAsItsCause() {
        Run run = run(s -> s.onError(ErrorPolicy.FAIL_FAST));
        IllegalStateException first = new IllegalStateException("first");

        run.failures.itemFailed(stage(run, "work"), 1, first, 1);
        run.failures.itemFailed(stage(run, "work"), 2, new IllegalStateException("second"), 1);

        assertThat(run.stopping).isTrue();
        assertThat(run.endStatus()).isEqualTo(RunStatus.FAILED);
        assertThat(run.stopCause()).isSameAs(first);
        assertThat(run.failures.count()).isEqualTo(2);
    }

    @Test
    void fatalFailuresOfAStageStopTheRunWhateverItsPolicy() {
        Run run = run(s -> { });
        run.failures.stageFailed(stage(run, "work"), new IllegalStateException("not fatal"));
        assertThat(run.stopping).isFalse();

        run.failures.stageFailed(stage(run, "work"), new PipelineAbortException("stop everything"));

        assertThat(run.stopping).isTrue();
        assertThat(run.endStatus()).isEqualTo(RunStatus.FAILED);
    }

    @Test
    void onlyTheFirstHundredFailuresAreKeptButAllAreCounted() {
        Run run = run(s -> { });
        for (int i = 0; i < RunResult.KEPT_FAILURES + 50; i++) {
            run.failures.itemFailed(stage(run, "work"), i, new IllegalStateException("bad"), 1);
        }

        assertThat(run.failures.count()).isEqualTo(RunResult.KEPT_FAILURES + 50);
        assertThat(run.failures.kept()).hasSize(RunResult.KEPT_FAILURES);
        assertThat(run.failures.kept().get(0).item()).isEqualTo(0);
    }

    @Test
    void aFailedBeforeRunHookStopsTheRunButAFailedAfterRunHookDoesNot() {
        Run run = run(s -> { });
        run.failures.hookFailed("failures", "failures", "afterRun", new IllegalStateException("after"), false);
        assertThat(run.stopping).isFalse();

        run.failures.hookFailed("failures", "failures", "beforeRun", new IllegalStateException("before"), true);

        assertThat(run.stopping).isTrue();
        assertThat(run.failures.count()).isEqualTo(2);
    }
}
