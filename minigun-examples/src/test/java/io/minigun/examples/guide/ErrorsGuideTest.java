package io.minigun.examples.guide;

import io.minigun.ErrorPolicy;
import io.minigun.ItemFailure;
import io.minigun.Minigun;
import io.minigun.PipelineAbortException;
import io.minigun.PipelineExecutionException;
import io.minigun.RunResult;
import io.minigun.RunStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Snippets of {@code docs/guide/07-errors-retries-dead-letters.md}. */
@Timeout(30)
class ErrorsGuideTest {

    @Test
    void retriesAndDeadLetters() {
        Set<Integer> attempted = ConcurrentHashMap.newKeySet();
        List<Object> saved = new CopyOnWriteArrayList<>();
        // tag::retries[]
        List<ItemFailure> deadLetters = new CopyOnWriteArrayList<>();

        RunResult result = Minigun.pipeline("import")
                .producer("read", () -> List.of(1, 2, 3, 4))
                .processor("call-api", (Integer id) -> {
                    if (id == 2 && attempted.add(id)) {
                        throw new java.io.IOException("timeout");       // transient: fails once
                    }
                    if (id == 3) {
                        throw new IllegalArgumentException("bad record " + id);   // fails every time
                    }
                    return id * 10;
                }, s -> s.retries(2).backoff(Duration.ofMillis(10)).deadLetter(deadLetters::add))
                .consumer("save", (Integer n) -> saved.add(n))
                .build().run();
        // end::retries[]
        assertThat(saved).containsExactly(10, 20, 40);
        // tag::outcome[]
        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED_WITH_FAILURES);
        assertThat(result.failed()).isEqualTo(1);
        assertThat(result.stats().stage("call-api").retried()).isEqualTo(3);  // 1 for item 2, 2 for item 3

        ItemFailure failure = result.failures().get(0);                   // also handed to deadLetters
        assertThat(failure.stage()).isEqualTo("call-api");
        assertThat(failure.item()).isEqualTo(3);
        assertThat(failure.attempts()).isEqualTo(3);
        assertThat(failure.exception()).hasMessage("bad record 3");
        // end::outcome[]
        assertThat(deadLetters).containsExactly(failure);
    }

    @Test
    void failFast() {
        // tag::fail-fast[]
        PipelineExecutionException e = catchThrowableOfType(PipelineExecutionException.class,
                () -> Minigun.pipeline("strict")
                        .onError(ErrorPolicy.FAIL_FAST)                   // or per stage: s -> s.onError(...)
                        .producer("read", () -> IntStream.range(0, 1_000_000).boxed().iterator())
                        .consumer("save", (Integer n) -> {
                            if (n == 5) {
                                throw new IllegalStateException("constraint violated by " + n);
                            }
                        })
                        .build().run());

        assertThat(e.result().status()).isEqualTo(RunStatus.FAILED);
        assertThat(e.result().failures().get(0).item()).isEqualTo(5);
        assertThat(e.result().produced()).isLessThan(1_000_000);          // producers stopped
        // end::fail-fast[]
    }

    @Test
    void throwIfFailed() {
        // tag::throw-if-failed[]
        assertThatThrownBy(() -> Minigun.pipeline("job")
                .producer("read", () -> List.of(1, 2))
                .consumer("save", (Integer n) -> {
                    if (n == 2) {
                        throw new IllegalStateException("disk full");
                    }
                })
                .build().run()
                .throwIfFailed())                         // COMPLETED_WITH_FAILURES or FAILED: throw
                .isInstanceOf(PipelineExecutionException.class);
        // end::throw-if-failed[]
    }

    @Test
    void abort() {
        // tag::abort[]
        PipelineExecutionException e = catchThrowableOfType(PipelineExecutionException.class,
                () -> Minigun.pipeline("migration")
                        .producer("read", () -> List.of(1, 2, 3))
                        .consumer("migrate", (Integer n) -> {
                            throw new PipelineAbortException("schema version mismatch");   // no retry, stop now
                        }, s -> s.retries(5))
                        .build().run());

        assertThat(e.result().status()).isEqualTo(RunStatus.FAILED);
        assertThat(e.result().cause()).get().extracting(Throwable::getMessage).isEqualTo("schema version mismatch");
        // end::abort[]
        assertThat(e.result().stats().stage("migrate").retried()).isZero();
    }

    @Test
    void producerFailure() {
        List<Object> saved = new CopyOnWriteArrayList<>();
        // tag::producer-fails[]
        RunResult result = Minigun.pipeline("partial")
                .producer("read", out -> {
                    out.emit(1);
                    out.emit(2);
                    throw new java.io.UncheckedIOException(new java.io.IOException("connection reset"));
                })
                .consumer("save", (Integer n) -> saved.add(n))
                .build().run();

        assertThat(saved).containsExactly(1, 2);                        // what it emitted is processed
        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED_WITH_FAILURES);
        assertThat(result.failures().get(0).stage()).isEqualTo("read");
        assertThat(result.failures().get(0).item()).isNull();           // a stage-level failure
        // end::producer-fails[]
    }
}
