package io.minigun.examples.guide;

import io.minigun.ContextType;
import io.minigun.Minigun;
import io.minigun.Pipeline;
import io.minigun.StageOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Snippets of {@code docs/guide/12-migrating-from-ruby.md}. */
@Timeout(30)
class MigrationGuideTest {

    @Test
    void executionBlocks() {
        List<Object> saved = new CopyOnWriteArrayList<>();
        // tag::blocks[]
        // Ruby: thread_pool(10) do processor :fetch ...; processor :parse ... end
        StageOptions pool = s -> s.concurrency(ContextType.THREAD).threads(10);

        Pipeline pipeline = Minigun.pipeline("crawl")
                .producer("urls", () -> List.of("a", "b"))
                .processor("fetch", (String url) -> url + "<html>", pool)
                .processor("parse", (String html) -> html.length(), pool.andThen(s -> s.retries(2)))
                .consumer("save", (Integer n) -> saved.add(n))
                .build();
        // end::blocks[]
        assertThat(pipeline.plan().workers("fetch")).isEqualTo(10);
        assertThat(pipeline.plan().workers("parse")).isEqualTo(10);
        assertThat(pipeline.run().consumed()).isEqualTo(2);
        assertThat(saved).containsExactly(7, 7);
    }
}
