package io.minigun.examples.guide;

import io.minigun.Affinity;
import io.minigun.ContextType;
import io.minigun.Minigun;
import io.minigun.Pipeline;
import io.minigun.RunResult;
import io.minigun.execution.ExecutionPlan;
import io.minigun.execution.PipelineExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Snippets of {@code docs/guide/05-contexts-and-the-plan.md}. */
@Timeout(30)
class PlanGuideTest {

    @Test
    void contexts() {
        List<Object> saved = new CopyOnWriteArrayList<>();
        // tag::contexts[]
        // VIRTUAL needs Java 21+; build() rejects it on older runtimes
        ContextType io = Runtime.version().feature() >= 21 ? ContextType.VIRTUAL : ContextType.THREAD;

        Pipeline pipeline = Minigun.pipeline("enrich")
                .concurrency(c -> c.threads(8).retries(2))            // defaults of this pipeline
                .queueSize(500)
                .producer("ids", () -> IntStream.rangeClosed(1, 100).boxed().toList())
                .processor("parse", (Integer id) -> "item-" + id)      // AUTO: fused with 'ids'
                .processor("fetch", (String item) -> item + ":fetched",
                        s -> s.concurrency(io).poolSize(50))            // 50 calls in flight
                .processor("score", (String item) -> item.length(),
                        s -> s.concurrency(ContextType.THREAD).threads(2))   // 2 platform threads
                .consumer("save", (Integer score) -> saved.add(score))
                .build();
        // end::contexts[]
        // tag::plan-queries[]
        ExecutionPlan plan = pipeline.plan();
        assertThat(plan.isColocated("parse")).isTrue();
        assertThat(plan.colocatedWith("parse")).contains("ids");
        assertThat(plan.queueCapacity("parse")).isZero();              // no queue: a direct call
        assertThat(plan.contextType("fetch")).isEqualTo(io);
        assertThat(plan.workers("fetch")).isEqualTo(50);
        assertThat(plan.queueCapacity("fetch")).isEqualTo(500);
        assertThat(plan.workers("score")).isEqualTo(2);
        assertThat(plan.isColocated("save")).isFalse();               // its upstream has 2 workers
        // end::plan-queries[]
        assertThat(plan.contextTypes()).contains(ContextType.THREAD);
        assertThat(pipeline.run().consumed()).isEqualTo(100);
        assertThat(saved).hasSize(100);
    }

    @Test
    void namedContextsAndAffinity() {
        List<Object> saved = new CopyOnWriteArrayList<>();
        // tag::named[]
        Pipeline pipeline = Minigun.pipeline("crawl")
                .context("http", ContextType.THREAD, 16)               // one pool shared by two stages
                .producer("seeds", () -> List.of("a", "b"))
                .processor("fetch", (String url) -> url + "<html>", s -> s.context("http"))
                .processor("fetch-assets", (String page) -> page + "<css>", s -> s.context("http"))
                .processor("extract", (String page) -> page.length(),
                        s -> s.affinity(Affinity.INDEPENDENT))          // never fused: own thread and queue
                .consumer("save", (Integer n) -> saved.add(n))
                .build();
        // end::named[]
        ExecutionPlan plan = pipeline.plan();
        assertThat(plan.workers("fetch")).isEqualTo(16);
        assertThat(plan.contextType("fetch-assets")).isEqualTo(ContextType.THREAD);
        assertThat(plan.isColocated("extract")).isFalse();
        assertThat(pipeline.run().consumed()).isEqualTo(2);
        assertThat(saved).containsExactly(12, 12);
    }

    @Test
    void noFusion() {
        // tag::inline-off[]
        Pipeline pipeline = Minigun.pipeline("unfused")
                .concurrency(c -> c.inline(false))                     // no stage is fused
                .producer("ids", () -> List.of(1, 2, 3))
                .processor("double", (Integer n) -> n * 2)
                .consumer("save", (Integer n) -> { })
                .build();

        assertThat(pipeline.plan().isColocated("double")).isFalse();
        assertThat(pipeline.plan().queueCapacity("double")).isEqualTo(1000);
        // end::inline-off[]
        assertThat(pipeline.run().consumed()).isEqualTo(3);
    }

    @Test
    void executor() {
        // tag::executor[]
        try (PipelineExecutor executor = new PipelineExecutor()) {   // close(): cancels runs, stops warm workers
            executor.register(Minigun.pipeline("orders")
                    .executor(executor)
                    .producer("read", () -> List.of(1, 2, 3))
                    .consumer("save", (Integer n) -> { })
                    .build());

            RunResult result = executor.run("orders");               // also start(name), plan(name), activeRuns()
            assertThat(result.consumed()).isEqualTo(3);
            assertThat(executor.pipelineNames()).containsExactly("orders");
        }
        // end::executor[]
    }

    @Test
    void describe() {
        // tag::describe[]
        Pipeline pipeline = Minigun.pipeline("orders")
                .producer("read", () -> List.of("1", "2"))
                .processor("parse", (String line) -> Integer.parseInt(line))
                .processor("price", (Integer n) -> n * 100, s -> s.threads(4))
                .accumulator("batch", s -> s.maxSize(50))
                .consumer("insert", (List<Integer> batch) -> { })
                .build();

        System.out.println(pipeline.plan().describe());
        // end::describe[]
        assertThat(pipeline.plan().describe()).contains(
                "parse                        processor   colocated THREAD  workers=1 queue=0 with=read -> price",
                "price                        processor   workers   THREAD  workers=4 queue=1000 -> batch");
        assertThat(pipeline.plan().contextTypes()).isEqualTo(Set.of(ContextType.THREAD));
        assertThat(pipeline.plan().colocatedWith("insert")).isEqualTo(Optional.of("batch"));
    }
}
