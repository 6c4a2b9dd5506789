package io.minigun.examples.guide;

import io.minigun.ContextType;
import io.minigun.Minigun;
import io.minigun.Output;
import io.minigun.Pipeline;
import io.minigun.PipelineBuilder;
import io.minigun.RunResult;
import io.minigun.RunStatus;
import io.minigun.stats.StageStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Snippets of {@code docs/guide/09-testing.md}. */
@Timeout(60)
class TestingGuideTest {

    // tag::stages[]
    /** Stage code as plain static methods: testable without a pipeline. */
    static final class OrderStages {
        static void split(String csv, Output<String> out) {
            for (String field : csv.split(",")) {
                out.emit(field.strip());
            }
        }

        static Integer parse(String field) {
            return field.isEmpty() ? null : Integer.valueOf(field);
        }
    }
    // end::stages[]

    // tag::definition[]
    /** The production definition: THREAD and PROCESS stages. */
    static PipelineBuilder orders(List<String> input, List<Integer> sink) {
        return Minigun.pipeline("orders")
                .producer("read", () -> input)
                .processor("split", OrderStages::split)
                .processor("parse", OrderStages::parse, s -> s.concurrency(ContextType.THREAD).threads(4))
                .processor("square", (Integer n) -> n * n, s -> s.concurrency(ContextType.PROCESS))
                .consumer("save", (Integer n) -> sink.add(n));
    }
    // end::definition[]

    @Test
    void unitTestAStage() {
        // tag::unit[]
        assertThat(OrderStages.parse("42")).isEqualTo(42);
        assertThat(OrderStages.parse("")).isNull();                      // emits nothing
        // end::unit[]
    }

    @Test
    void forceInline() {
        // tag::force-inline[]
        List<Integer> saved = new ArrayList<>();                       // no concurrency: a plain list will do

        Pipeline pipeline = orders(List.of("3,1", "2"), saved)
                .concurrency(c -> c.forceInline(true))
                .build();
        RunResult result = pipeline.run();

        assertThat(saved).containsExactly(9, 1, 4);                     // deterministic order
        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(pipeline.plan().isForceInline()).isTrue();
        // end::force-inline[]
    }

    @Test
    void conservation() {
        List<Integer> saved = new CopyOnWriteArrayList<>();
        RunResult result = orders(List.of("3,1", "x", "2"), saved).concurrency(c -> c.forceInline(true)).build().run();
        assertThat(result.failed()).isEqualTo(1);
        // tag::conservation[]
        for (StageStats stage : result.stats().stages()) {
            assertThat(stage.consumed()).as(stage.name())
                    .isEqualTo(stage.succeeded() + stage.failed() + stage.cancelled());
        }
        assertThat(result.failures()).extracting(f -> f.stage() + ": " + f.item())
                .containsExactly("parse: x");
        // end::conservation[]
        assertThat(saved).containsExactly(9, 1, 4);
    }

    /** The same definition, concurrent: the production path (slower; worker JVMs start). */
    @Test
    void realRun() {
        // tag::real[]
        List<Integer> saved = new CopyOnWriteArrayList<>();
        RunResult result = orders(List.of("3,1", "2"), saved).build().run();

        assertThat(saved).containsExactlyInAnyOrder(9, 1, 4);            // any order: 4 threads, 2 JVMs
        // end::real[]
        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
    }
}
