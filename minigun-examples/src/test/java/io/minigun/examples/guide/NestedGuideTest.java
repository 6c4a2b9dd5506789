package io.minigun.examples.guide;

import io.minigun.Minigun;
import io.minigun.Output;
import io.minigun.RunResult;
import io.minigun.stats.StageStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Snippets of {@code docs/guide/04-nested-pipelines.md}. */
@Timeout(30)
class NestedGuideTest {

    @Test
    void nestedBetweenStages() {
        List<Object> saved = new CopyOnWriteArrayList<>();
        List<Object> events = new CopyOnWriteArrayList<>();
        // tag::nested[]
        RunResult result = Minigun.pipeline("orders")
                .producer("read", () -> List.of(1, 2, 3))
                .pipeline("enrich", p -> p
                        .beforeRun(() -> events.add("enrich starts"))     // hooks of a nested pipeline fire
                        .processor("price", (Integer id) -> id * 100)     // entry stage: gets what 'read' emits
                        .processor("label", (Integer cents) -> "$" + cents / 100))   // terminal stage: its items leave
                .consumer("save", (String s) -> saved.add(s))
                .build().run();
        // end::nested[]
        assertThat(saved).containsExactly("$1", "$2", "$3");
        assertThat(events).containsExactly("enrich starts");
        // tag::nested-stats[]
        List<String> stages = result.stats().stages().stream()
                .map(s -> s.pipeline() + "/" + s.name()).toList();
        // [orders/read, orders/enrich/price, orders/enrich/label, orders/save]
        // end::nested-stats[]
        assertThat(stages).containsExactly("orders/read", "orders/enrich/price",
                "orders/enrich/label", "orders/save");
        assertThat(result.stats().stage("price").consumed()).isEqualTo(3);
    }

    @Test
    void sourcePipelines() {
        List<Object> saved = new CopyOnWriteArrayList<>();
        // tag::sources[]
        Minigun.pipeline("sync")
                .pipeline("customers", p -> p
                        .producer("scan", () -> List.of("c1", "c2"))
                        .processor("tag", (String id) -> "customer:" + id))
                .pipeline("suppliers", p -> p
                        .producer("scan", () -> List.of("s1"))             // same name, other pipeline: fine
                        .processor("tag", (String id) -> "supplier:" + id))
                .consumer("save", (String s) -> saved.add(s))           // both pipelines feed it
                .build().run();
        // end::sources[]
        assertThat(saved).containsExactlyInAnyOrder("customer:c1", "customer:c2", "supplier:s1");
    }

    @Test
    void routeIntoNested() {
        List<Object> slow = new CopyOnWriteArrayList<>();
        List<Object> fast = new CopyOnWriteArrayList<>();
        // tag::route-into[]
        Minigun.pipeline("jobs")
                .producer("jobs", () -> List.of(1, 20, 3, 40))
                .processor("dispatch", (Integer cost, Output<Integer> out) ->
                        out.to(cost > 10 ? "heavy" : "light").emit(cost))
                .pipeline("heavy-lane", p -> p
                        .consumer("heavy", (Integer cost) -> slow.add(cost), s -> s.await(true)))
                .pipeline("light-lane", p -> p
                        .consumer("light", (Integer cost) -> fast.add(cost), s -> s.await(true)))
                .build().run().throwIfFailed();
        // end::route-into[]
        assertThat(slow).containsExactly(20, 40);
        assertThat(fast).containsExactly(1, 3);
    }
}
