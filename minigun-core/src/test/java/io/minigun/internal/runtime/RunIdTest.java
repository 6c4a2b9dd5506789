package io.minigun.internal.runtime;

import io.minigun.execution.Plans;
import io.minigun.Minigun;
import io.minigun.Output;
import io.minigun.internal.plan.Plan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Run ids are unique in a JVM ({@code RunContext.runId()}: "the unique id of this run"): the executor keys its active
 * runs by id, and users tell concurrent runs apart by it.
 */
@Timeout(30)
class RunIdTest {

    @Test
    void aMillionRunIdsNeverRepeat() {
        // a million random 32-bit ids would repeat about 116 times (birthday bound: n² / 2³³)
        int ids = 1_000_000;
        Map<String, Integer> firstWithId = new HashMap<>();
        for (int i = 0; i < ids; i++) {
            String id = Run.nextId();
            Integer earlier = firstWithId.putIfAbsent(id, i);
            if (earlier != null) {
                fail("id %d is %s, as id %d was", i, id, earlier);
            }
        }
        assertThat(firstWithId).hasSize(ids);
    }

    @Test
    void everyRunTakesAnIdOfItsOwn() {
        Plan plan = Plans.of(Minigun.pipeline("ids")
                .producer("numbers", (Output<Integer> out) -> out.emit(1))
                .consumer("sink", (Integer n) -> { })
                .build()
                .plan());
        Run first = new Run(plan, Map.of());
        Run second = new Run(plan, Map.of());

        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(first.id()).matches("[0-9a-f]{8,}");
    }
}
