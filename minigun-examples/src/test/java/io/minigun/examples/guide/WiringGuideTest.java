package io.minigun.examples.guide;

import io.minigun.Minigun;
import io.minigun.Output;
import io.minigun.PipelineBuilder;
import io.minigun.PipelineDefinitionException;
import io.minigun.RunResult;
import io.minigun.Routing;
import io.minigun.annotation.Consumer;
import io.minigun.annotation.MinigunPipeline;
import io.minigun.annotation.Producer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Snippets of {@code docs/guide/03-wiring-and-routing.md}. */
@Timeout(30)
class WiringGuideTest {

    private final Map<String, List<Object>> seen = new ConcurrentHashMap<>();

    private void record(String stage, Object item) {
        seen.computeIfAbsent(stage, k -> new CopyOnWriteArrayList<>()).add(item);
    }

    @Test
    void diamond() {
        RunResult result =
        // tag::diamond[]
        Minigun.pipeline("diamond")
                .producer("numbers", () -> List.of(1, 2, 3), s -> s.to("double", "triple"))   // fan-out
                .processor("double", (Integer n) -> n * 2, s -> s.to("merge"))
                .processor("triple", (Integer n) -> n * 3, s -> s.to("merge"))
                .consumer("merge", (Integer n) -> record("merge", n))      // fan-in: ends after both
                .build().run();
        // end::diamond[]
        assertThat(result.consumed()).isEqualTo(6);
        assertThat(seen.get("merge")).containsExactlyInAnyOrder(2, 4, 6, 3, 6, 9);
    }

    @Test
    void fromAndRoundRobin() {
        // tag::round-robin[]
        Minigun.pipeline("shards")
                .producer("orders", () -> List.of(1, 2, 3, 4, 5, 6),
                        s -> s.to("shard-a", "shard-b").routing(Routing.ROUND_ROBIN))
                .consumer("shard-a", (Integer n) -> record("shard-a", n))   // 1, 3, 5
                .consumer("shard-b", (Integer n) -> record("shard-b", n))   // 2, 4, 6
                .build().run();
        // end::round-robin[]
        assertThat(seen.get("shard-a")).containsExactly(1, 3, 5);
        assertThat(seen.get("shard-b")).containsExactly(2, 4, 6);
        seen.clear();
        // tag::from[]
        Minigun.pipeline("audit")
                .producer("orders", () -> List.of(1, 2))
                .consumer("save", (Integer n) -> record("save", n), s -> s.from("orders"))
                .consumer("audit", (Integer n) -> record("audit", n), s -> s.from("orders"))
                .build().run();
        // end::from[]
        assertThat(seen.get("save")).containsExactly(1, 2);
        assertThat(seen.get("audit")).containsExactly(1, 2);
    }

    @Test
    void dynamicRouting() {
        // tag::dynamic[]
        Minigun.pipeline("triage")
                .producer("tickets", () -> List.of(1, 2, 3, 4, 5))
                .processor("classify", (Integer ticket, Output<Integer> out) -> {
                    if (ticket % 2 == 0) {
                        out.to("urgent").emit(ticket);          // to a stage by name
                    } else {
                        out.to("normal").emit(ticket);
                    }
                })
                .consumer("urgent", (Integer t) -> record("urgent", t), s -> s.await(true))
                .consumer("normal", (Integer t) -> record("normal", t), s -> s.await(true))
                .build().run();
        // end::dynamic[]
        assertThat(seen.get("urgent")).containsExactly(2, 4);
        assertThat(seen.get("normal")).containsExactly(1, 3, 5);
    }

    @Test
    void unknownTargetFailsTheItem() {
        // tag::unknown-target[]
        RunResult result = Minigun.pipeline("typo")
                .producer("tickets", () -> List.of(1))
                .consumer("classify", (Integer t, Output<Integer> out) -> out.to("urgnet").emit(t))
                .consumer("urgent", (Integer t) -> { }, s -> s.await(true))
                .build().run();

        assertThat(result.failed()).isEqualTo(1);               // COMPLETED_WITH_FAILURES
        assertThat(result.failures().get(0).exception().getMessage()).contains("urgnet");
        // end::unknown-target[]
        assertThat(result.failures().get(0).stage()).isEqualTo("classify");
    }

    // tag::reroute[]
    static PipelineBuilder importPipeline(List<Object> saved) {
        return Minigun.pipeline("import")
                .producer("read", () -> List.of(" a", "b "))
                .processor("trim", (String s) -> s.trim())
                .processor("upper", (String s) -> s.toUpperCase())
                .consumer("save", (String s) -> saved.add(s));
    }
    // end::reroute[]

    @Test
    void reroute() {
        List<Object> base = new CopyOnWriteArrayList<>();
        importPipeline(base).build().run();
        assertThat(base).containsExactly("A", "B");
        List<Object> saved = new CopyOnWriteArrayList<>();
        // tag::reroute-use[]
        importPipeline(saved)
                .reroute("trim", "save")       // trim's edges now lead to save: upper is skipped
                .build().run();
        // end::reroute-use[]
        assertThat(saved).containsExactly("a", "b");
    }

    @Test
    void discarded() {
        // tag::discarded[]
        RunResult result = Minigun.pipeline("dangling")
                .producer("numbers", () -> List.of(1, 2, 3))
                .processor("double", (Integer n) -> n * 2)          // last stage, nothing downstream
                .build().run();

        assertThat(result.stats().stage("double").discarded()).isEqualTo(3);   // and one WARN line
        // end::discarded[]
    }

    // tag::types[]
    @MinigunPipeline(name = "typed")
    static class TypedPipeline {
        @Producer
        List<Integer> numbers() {
            return List.of(1, 2);
        }

        @Consumer
        void save(String text) {
        }
    }
    // end::types[]

    @Test
    void typesOfAnnotatedStagesAreChecked() {
        // tag::types-check[]
        assertThatThrownBy(() -> Minigun.fromAnnotated(new TypedPipeline()))
                .isInstanceOf(PipelineDefinitionException.class)
                .hasMessage("Pipeline 'typed': producer 'numbers' emits java.lang.Integer but consumer 'save' "
                        + "(in 'typed') accepts java.lang.String; change one of the two types, or put a converting "
                        + "processor between them");
        // end::types-check[]
    }

    @Test
    void definitionErrors() {
        // tag::cycle[]
        assertThatThrownBy(() -> Minigun.pipeline("loop")
                .producer("numbers", () -> List.of(1))
                .processor("a", (Integer n) -> n, s -> s.to("b"))
                .processor("b", (Integer n) -> n, s -> s.to("a"))
                .build())
                .isInstanceOf(PipelineDefinitionException.class)
                .hasMessage("Pipeline 'loop' has a cycle: a -> b -> a; pipelines must be acyclic: remove one "
                        + "of these edges (to/from/reroute), or send items back with dynamic routing out.to(\"a\")");
        // end::cycle[]
        // tag::unknown-stage[]
        assertThatThrownBy(() -> Minigun.pipeline("unknown")
                .producer("numbers", () -> List.of(1), s -> s.to("sve"))
                .consumer("save", (Integer n) -> { })
                .build())
                .hasMessage("Pipeline 'unknown', producer 'numbers' has to(\"sve\"), but there is no stage 'sve'; "
                        + "known stages: [numbers, save] (did you mean 'save'?)");
        // end::unknown-stage[]
    }
}
