package io.minigun.examples.hooks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class HooksExamplesTest {

    @Test
    void runAndStageHooksSurroundTheItems() {
        Hooks.Outcome o = Hooks.run();
        assertThat(o.events()).containsExactly("before_run", "Opened file handle", "Closed file handle", "after_run");
        assertThat(o.written()).containsExactly(10, 20, 30, 40, 50);
    }

    @Test
    void forkHooksRunInTheParentAndInEveryWorker() {
        ForkHooks.Outcome o = ForkHooks.run();
        assertThat(o.parentEvents()).containsExactly("Connected: parent connection",
                "Disconnected before fork: parent connection", "Final disconnect");
        assertThat(o.saved()).extracting(ForkHooks.Saved::id).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(o.saved()).allSatisfy(s -> {
            assertThat(s.pid()).isNotEqualTo(ProcessHandle.current().pid());
            assertThat(s.connection()).isEqualTo("worker connection " + s.pid());
        });
    }

    @Test
    void hooksOfOneStageEachIncludingItsForkHooks() {
        StageHooks.Outcome o = StageHooks.run();
        assertThat(o.saved()).extracting(StageHooks.Saved::value).containsExactly(2, 4, 6, 8, 10, 12, 14, 16, 18);
        assertThat(o.saved()).allSatisfy(s -> {
            assertThat(s.worker()).isEqualTo("forked " + s.pid());
            assertThat(s.pid()).isNotEqualTo(ProcessHandle.current().pid());
        });
        List<String> events = o.events();
        assertThat(events).containsExactlyInAnyOrder("pipeline_start", "fetch_start", "fetching", "fetch_end",
                "validate_start", "validate_end: 10 validated", "transform_start", "transform_end", "before_fork",
                "pipeline_end");
        assertThat(events.get(0)).isEqualTo("pipeline_start");
        assertThat(events.get(events.size() - 1)).isEqualTo("pipeline_end");
        assertThat(events).containsSubsequence("fetch_start", "fetching", "fetch_end", "validate_end: 10 validated",
                "transform_end");
        assertThat(events).containsSubsequence("validate_start", "validate_end: 10 validated");
        assertThat(events).containsSubsequence("transform_start", "transform_end");
    }
}
