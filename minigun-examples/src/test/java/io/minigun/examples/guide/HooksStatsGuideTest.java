package io.minigun.examples.guide;

import io.minigun.ContextType;
import io.minigun.Minigun;
import io.minigun.PipelineRun;
import io.minigun.RunResult;
import io.minigun.stats.PipelineStats;
import io.minigun.stats.StageStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Snippets of {@code docs/guide/08-hooks-and-stats.md}. */
@Timeout(30)
class HooksStatsGuideTest {

    @Test
    void hooks() {
        // tag::hooks[]
        List<String> events = new CopyOnWriteArrayList<>();

        Minigun.pipeline("export")
                .beforeRun(ctx -> events.add("beforeRun " + ctx.parameters().get("day")))
                .afterRun(() -> events.add("afterRun"))              // also after a failed run
                .before("write", () -> events.add("open file"))     // before write's first item
                .after("write", () -> events.add("close file"))     // after its last
                .producer("rows", () -> List.of("r1", "r2"))
                .consumer("write", (String row) -> events.add("write " + row))
                .build().run(java.util.Map.of("day", "2024-05-01"));

        assertThat(events).containsExactly(
                "beforeRun 2024-05-01", "open file", "write r1", "write r2", "close file", "afterRun");
        // end::hooks[]
    }

    @Test
    void stats() {
        // tag::stats[]
        RunResult result = Minigun.pipeline("scores")
                .producer("ids", () -> IntStream.range(0, 1000).boxed().toList())
                .processor("score", (Integer id) -> id % 10 == 0 ? null : id * 31 % 97)   // drops 100 items
                .consumer("save", (Integer score) -> { })
                .build().run();

        PipelineStats stats = result.stats();
        StageStats score = stats.stage("score");
        assertThat(score.consumed()).isEqualTo(1000);
        assertThat(score.succeeded()).isEqualTo(1000);
        assertThat(score.produced()).isEqualTo(900);
        assertThat(score.successRate()).isEqualTo(100.0);
        assertThat(stats.stages()).extracting(StageStats::name)
                .containsExactly("ids", "score", "save");             // topological order
        assertThat(stats.bottleneck()).isPresent();                    // the slowest stage that processed items
        System.out.println(score.p50() + " " + score.p99() + " " + score.throughput() + " items/s");
        // end::stats[]
        for (StageStats stage : stats.stages()) {
            assertThat(stage.consumed()).isEqualTo(stage.succeeded() + stage.failed() + stage.cancelled());
        }
    }

    @Test
    void liveStats() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        var pipeline = Minigun.pipeline("live")
                .producer("ids", () -> IntStream.range(0, 100).boxed().toList())
                .consumer("save", (Integer n) -> release.await(), s -> s.concurrency(ContextType.THREAD).threads(1))
                .build();
        // tag::live[]
        PipelineRun run = pipeline.start();
        // ... from a scheduler, a health check or a progress bar:
        StageStats save = run.stats().stage("save");
        System.out.printf("save: %d done, %d queued, %d busy%n", save.succeeded(), save.queued(), save.activeWorkers());
        // end::live[]
        await().atMost(Duration.ofSeconds(10)).until(() -> run.stats().stage("save").activeWorkers() == 1);
        assertThat(run.isDone()).isFalse();
        release.countDown();
        assertThat(run.await().consumed()).isEqualTo(100);
    }
}
