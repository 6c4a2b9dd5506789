package io.minigun.examples.guide;

import io.minigun.ContextType;
import io.minigun.Minigun;
import io.minigun.Pipeline;
import io.minigun.RunResult;
import io.minigun.StageOptions;
import io.minigun.stats.StageStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Snippets of {@code docs/guide/11-performance-tuning.md}. */
@Timeout(60)
class TuningGuideTest {

    /** Stands for a remote call of about 2 ms. */
    static Integer lookup(Integer id) throws InterruptedException {
        Thread.sleep(2);
        return id;
    }

    static Pipeline pipeline(StageOptions lookupOptions) {
        // tag::bottleneck[]
        return Minigun.pipeline("enrich")
                .producer("ids", () -> IntStream.range(0, 200).boxed().toList())
                .processor("parse", (Integer id) -> id + 1)
                .processor("lookup", TuningGuideTest::lookup, lookupOptions)   // ~2 ms of I/O per item
                .consumer("save", (Integer id) -> { })
                .build();
        // end::bottleneck[]
    }

    @Test
    void findAndFixTheBottleneck() {
        // tag::find[]
        RunResult before = pipeline(StageOptions.none()).run();
        StageStats slowest = before.stats().bottleneck().orElseThrow();
        assertThat(slowest.name()).isEqualTo("lookup");      // busiest per worker: the one to widen
        // end::find[]
        // tag::fix[]
        RunResult after = pipeline(s -> s.concurrency(ContextType.THREAD).threads(20)).run();
        // end::fix[]
        assertThat(after.consumed()).isEqualTo(200);
        assertThat(after.stats().stage("lookup").workers()).isEqualTo(20);
        System.out.println(before.stats().summary());
        System.out.println(after.stats().summary());
    }

    @Test
    void queues() {
        // tag::queues[]
        Pipeline pipeline = Minigun.pipeline("bulk")
                .queueSize(10_000)                                         // every stage of this pipeline
                .producer("rows", () -> IntStream.range(0, 100).boxed().toList())
                .processor("hash", (Integer n) -> n.hashCode(), s -> s.threads(2).queueSize(64))   // this stage
                .consumer("save", (Integer n) -> { }, s -> s.unbounded())   // only when you mean it
                .build();
        // end::queues[]
        assertThat(pipeline.plan().queueCapacity("hash")).isEqualTo(64);
        assertThat(pipeline.plan().queueCapacity("save")).isEqualTo(Integer.MAX_VALUE);
        assertThat(pipeline.run().consumed()).isEqualTo(100);
    }
}
