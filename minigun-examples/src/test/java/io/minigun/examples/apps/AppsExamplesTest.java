package io.minigun.examples.apps;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class AppsExamplesTest {

    @Test
    void crawlerFetchesTheSeedsOnlyAtDepthZero() {
        WebCrawler.Outcome o = WebCrawler.run(0);
        assertThat(o.pages()).containsExactly(
                new WebCrawler.Processed("https://docs.example.com/", "Docs", 1),
                new WebCrawler.Processed("https://example.com/", "Home", 2));
        assertThat(o.notFound()).isEmpty();
    }

    @Test
    void crawlerFollowsLinksOnceEachAndReportsMissingPages() {
        WebCrawler.Outcome o = WebCrawler.run(3);
        assertThat(o.pages()).extracting(WebCrawler.Processed::title)
                .containsExactly("Docs", "Home", "About", "Blog", "Post 1", "Post 2");
        assertThat(o.notFound()).isEqualTo(Set.of("https://example.com/missing"));
    }

    @Test
    void crawlerFindsTheSamePagesWhicheverThreadGetsToAPageFirst() {
        // Docs links to Home: a thread that fetches Home by that longer path first must not hide Post 2's link
        for (int run = 0; run < 100; run++) {
            WebCrawler.Outcome o = WebCrawler.run(3);
            assertThat(o.pages()).as("run %d", run).hasSize(6);
            assertThat(o.notFound()).as("run %d", run).isEqualTo(Set.of("https://example.com/missing"));
        }
    }

    @Test
    void publisherRunReturnsTwentyProduced() {
        DatabasePublisher.Outcome o = DatabasePublisher.run();
        assertThat(o.run().produced()).isEqualTo(20);
        assertThat(o.published()).extracting(e -> e.customer().id())
                .isEqualTo(IntStream.rangeClosed(1, 20).boxed().toList());
        assertThat(o.published()).filteredOn(e -> e.segment().equals("vip")).hasSize(5);
    }

    @Test
    void etlLoadsThreeCategoryBatchesInWorkerJvms() {
        List<EtlPipeline.Loaded> loaded = EtlPipeline.run();
        assertThat(loaded).extracting(EtlPipeline.Loaded::category).containsExactly("books", "games", "music");
        assertThat(loaded).extracting(EtlPipeline.Loaded::ids)
                .containsExactly(List.of(3, 6, 9), List.of(1, 7, 10), List.of(2, 5, 11));
        assertThat(loaded).extracting(EtlPipeline.Loaded::totalCents).containsExactly(2160, 2160, 2160);
        assertThat(loaded).allSatisfy(l -> assertThat(l.pid()).isNotEqualTo(ProcessHandle.current().pid()));
    }

    @Test
    void configurationShapesThePipeline() {
        Configuration pipeline = new Configuration(Configuration.Settings.DEFAULT);
        assertThat(pipeline.settings()).isEqualTo(new Configuration.Settings(10, 4, 5));
        Configuration.Outcome o = pipeline.run();
        assertThat(o.results()).hasSize(18).contains(2, 4, 6).doesNotContain(14, 28)
                .isEqualTo(IntStream.rangeClosed(1, 20).filter(n -> n % 7 != 0).map(n -> n * 2).boxed().toList());
        assertThat(o.doubleWorkers()).isEqualTo(10);
        assertThat(o.batchSizes()).containsExactly(3, 5, 5, 5);
        Configuration.Outcome small = new Configuration(new Configuration.Settings(2, 1, 50)).run();
        assertThat(small.doubleWorkers()).isEqualTo(2);
        assertThat(small.batchSizes()).containsExactly(18);
    }

    @Test
    void settingsByEnvironmentAndByLevel() {
        assertThat(Configuration.Settings.forEnvironment("development"))
                .isEqualTo(new Configuration.Settings(10, 2, 100));
        assertThat(Configuration.Settings.forEnvironment("production"))
                .isEqualTo(new Configuration.Settings(100, 8, 5000));
        assertThat(Configuration.Settings.forLevel("low")).isEqualTo(new Configuration.Settings(10, 2, 100));
        assertThat(Configuration.Settings.forLevel("medium")).isEqualTo(new Configuration.Settings(50, 4, 1000));
        assertThat(Configuration.Settings.forLevel("high")).isEqualTo(new Configuration.Settings(200, 16, 10000));
        assertThat(new Configuration(Configuration.Settings.forLevel("medium")).run().doubleWorkers()).isEqualTo(50);
    }
}
