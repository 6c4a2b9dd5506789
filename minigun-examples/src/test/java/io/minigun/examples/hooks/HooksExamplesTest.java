package io.minigun.examples.hooks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

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
}
