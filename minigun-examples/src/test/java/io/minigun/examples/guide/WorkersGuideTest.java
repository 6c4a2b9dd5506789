package io.minigun.examples.guide;

import io.minigun.ContextType;
import io.minigun.ItemFailure;
import io.minigun.Minigun;
import io.minigun.PipelineDefinitionException;
import io.minigun.RunResult;
import io.minigun.RunStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Snippets of {@code docs/guide/06-worker-jvms.md}. */
@Timeout(60)
class WorkersGuideTest {

    private static final long PARENT = ProcessHandle.current().pid();

    @AfterEach
    void noWorkerJvmIsLeftBehind() {
        await().atMost(Duration.ofSeconds(15)).until(() -> ProcessHandle.current().children().count() == 0);
    }

    // tag::records[]
    public record Line(int number, String text) implements Serializable {
    }

    public record Parsed(int number, int words, long pid) implements Serializable {
    }
    // end::records[]

    @Test
    void processStage() {
        // tag::process[]
        List<Parsed> parsed = new CopyOnWriteArrayList<>();

        RunResult result = Minigun.pipeline("parse")
                .producer("read", () -> List.of(new Line(1, "a b"), new Line(2, "c"), new Line(3, "d e f")))
                .processor("parse", (Line line) ->
                                new Parsed(line.number(), line.text().split(" ").length, ProcessHandle.current().pid()),
                        s -> s.concurrency(ContextType.PROCESS).poolSize(2))   // two worker JVMs
                .consumer("save", (Parsed p) -> parsed.add(p))              // back in this JVM
                .build().run();
        // end::process[]
        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(parsed).extracting(Parsed::number).containsExactlyInAnyOrder(1, 2, 3);
        assertThat(parsed).extracting(Parsed::words).containsExactlyInAnyOrder(2, 1, 3);
        assertThat(parsed).extracting(Parsed::pid).doesNotContain(PARENT);
    }

    @Test
    void captureMustBeSerializable() {
        // tag::capture[]
        Object lock = new Object();                                     // not Serializable

        assertThatThrownBy(() -> Minigun.pipeline("bad-capture")
                .producer("read", () -> List.of(1))
                .processor("parse", (Integer n) -> {
                    synchronized (lock) {
                        return n;
                    }
                }, s -> s.concurrency(ContextType.PROCESS))
                .consumer("save", (Integer n) -> { })
                .build())
                .isInstanceOf(PipelineDefinitionException.class)
                .hasMessageContaining("a java.lang.Object) is not serializable");   // names what cannot be shipped
        // end::capture[]
    }

    /** Not Serializable: cannot cross to a worker JVM. */
    public static final class Blob {
        final int size;

        Blob(int size) {
            this.size = size;
        }
    }

    @Test
    void nonSerializableItemFailsAlone() {
        // tag::bad-item[]
        RunResult result = Minigun.pipeline("blobs")
                .producer("read", () -> List.of(1, 2))
                .processor("wrap", (Integer n) -> n == 2 ? new Blob(n) : (Object) n)
                .processor("measure", (Object o) -> o.toString().length(),
                        s -> s.concurrency(ContextType.PROCESS).poolSize(1))
                .consumer("save", (Integer n) -> { })
                .build().run();

        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED_WITH_FAILURES);
        ItemFailure failure = result.failures().get(0);
        assertThat(failure.stage()).isEqualTo("measure");
        assertThat(failure.exception().getMessage()).contains(Blob.class.getName());
        // end::bad-item[]
        assertThat(result.consumed()).isEqualTo(1);
    }

    /** State of one worker JVM, set up by its afterFork hook. */
    static final class WorkerState {
        static volatile String connection = "none";
    }

    @Test
    void forkHooks() {
        List<String> seen = new CopyOnWriteArrayList<>();
        List<String> parentEvents = new CopyOnWriteArrayList<>();
        // tag::fork-hooks[]
        Minigun.pipeline("hooks")
                .beforeFork(() -> parentEvents.add("before fork"))      // in this JVM, before workers start
                .afterFork(() -> WorkerState.connection = "conn@" + ProcessHandle.current().pid())   // in each worker
                .producer("read", () -> List.of(1, 2, 3))
                .processor("save", (Integer n) -> n + " via " + WorkerState.connection,
                        s -> s.concurrency(ContextType.PROCESS).poolSize(1))
                .consumer("report", (String s) -> seen.add(s))
                .build().run().throwIfFailed();
        // end::fork-hooks[]
        assertThat(parentEvents).containsExactly("before fork");
        assertThat(WorkerState.connection).isEqualTo("none");           // the parent's copy is untouched
        assertThat(seen).hasSize(3).allSatisfy(s -> assertThat(s).contains(" via conn@").doesNotContain("@" + PARENT));
    }
}
