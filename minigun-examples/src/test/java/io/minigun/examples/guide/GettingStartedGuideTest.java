package io.minigun.examples.guide;

import io.minigun.Minigun;
import io.minigun.Output;
import io.minigun.Pipeline;
import io.minigun.PipelineRun;
import io.minigun.RunResult;
import io.minigun.RunStatus;
import io.minigun.annotation.Consumer;
import io.minigun.annotation.MinigunPipeline;
import io.minigun.annotation.Processor;
import io.minigun.annotation.Producer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Snippets of {@code docs/guide/01-getting-started.md}. */
@Timeout(30)
class GettingStartedGuideTest {

    @Test
    void firstPipeline() {
        // tag::first-pipeline[]
        List<Integer> saved = new CopyOnWriteArrayList<>();

        Pipeline pipeline = Minigun.pipeline("squares")
                .producer("numbers", out -> {
                    for (int i = 1; i <= 5; i++) {
                        out.emit(i);
                    }
                })
                .processor("square", (Integer n) -> n * n)
                .consumer("save", (Integer n) -> saved.add(n))
                .build();                       // wires, validates and plans

        RunResult result = pipeline.run();      // blocks until every item is settled
        // end::first-pipeline[]

        assertThat(saved).containsExactly(1, 4, 9, 16, 25);
        // tag::result[]
        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(result.produced()).isEqualTo(5);                  // emitted by the producers
        assertThat(result.consumed()).isEqualTo(5);                  // received by the terminal stages
        assertThat(result.stats().stage("square").succeeded()).isEqualTo(5);
        System.out.println(result.stats().summary());
        // end::result[]
    }

    /** The dependency declarations the guide shows name modules of this build, at its version. */
    @Test
    void dependenciesMatchTheBuild() {
        Path root = GuideSnippetsTest.root();
        String rootPom = String.join("\n", GuideSnippetsTest.read(root.resolve("pom.xml")));
        Matcher version = Pattern.compile("<artifactId>minigun-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(rootPom);
        assertThat(version.find()).isTrue();
        List<String> fragment = GuideSnippetsTest.read(root.resolve(
                "minigun-examples/src/test/resources/guide/dependencies.xml"));
        for (String tag : List.of("core", "starter")) {
            String xml = String.join("\n", GuideSnippetsTest.region(fragment, tag));
            Matcher artifact = Pattern.compile("<artifactId>([^<]+)</artifactId>").matcher(xml);
            assertThat(artifact.find()).isTrue();
            assertThat(root.resolve(artifact.group(1)).resolve("pom.xml")).as(tag).isRegularFile();
            assertThat(xml).contains("<groupId>io.minigun</groupId>", "<version>" + version.group(1) + "</version>");
        }
    }

    @Test
    void startAndAwait() throws Exception {
        List<Integer> saved = new CopyOnWriteArrayList<>();
        Pipeline pipeline = Minigun.pipeline("squares")
                .producer("numbers", () -> List.of(1, 2, 3))
                .processor("square", (Integer n) -> n * n)
                .consumer("save", (Integer n) -> saved.add(n))
                .build();
        // tag::start[]
        PipelineRun run = pipeline.start();                      // returns at once
        System.out.println(run.id() + " running: " + !run.isDone());
        RunResult result = run.await(Duration.ofMinutes(1));     // or await(), or run.cancel()
        // end::start[]
        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(saved).containsExactly(1, 4, 9);
        // tag::rerun[]
        RunResult again = pipeline.run();                        // a Pipeline runs as often as you like
        // end::rerun[]
        assertThat(again.consumed()).isEqualTo(3);
        assertThat(saved).containsExactly(1, 4, 9, 1, 4, 9);
    }

    // tag::annotated[]
    @MinigunPipeline(name = "squares")
    static class SquaresPipeline {
        final List<Integer> saved = new CopyOnWriteArrayList<>();

        @Producer
        void numbers(Output<Integer> out) {
            for (int i = 1; i <= 5; i++) {
                out.emit(i);
            }
        }

        @Processor
        int square(int n) {
            return n * n;
        }

        @Consumer
        void save(int n) {
            saved.add(n);
        }
    }
    // end::annotated[]

    @Test
    void annotated() {
        // tag::annotated-run[]
        SquaresPipeline squares = new SquaresPipeline();
        RunResult result = Minigun.fromAnnotated(squares).run();   // stages wired in source order
        // end::annotated-run[]
        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(squares.saved).containsExactly(1, 4, 9, 16, 25);
    }
}
