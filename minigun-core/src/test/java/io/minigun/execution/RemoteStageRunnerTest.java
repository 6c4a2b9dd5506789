package io.minigun.execution;

import io.minigun.Minigun;
import io.minigun.Pipeline;
import io.minigun.PipelineAbortException;
import io.minigun.remote.Emission;
import io.minigun.remote.RemoteOutcome;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RemoteStageRunnerTest {

    private static Pipeline pipeline(io.minigun.ProcessorFunction<Integer, Object> enrich, int retries) {
        return Minigun.pipeline("orders")
                .producer("source", out -> out.emit(1))
                .<Integer, Object>processor("enrich", enrich, s -> s.retries(retries).backoff(Duration.ofMillis(1)))
                .<Object>consumer("sink", item -> { })
                .build();
    }

    @Test
    void collectsEmissionsWithTheirTargetsInOrder() {
        Pipeline pipeline = pipeline((item, out) -> {
            out.emit(item * 10);
            out.to("sink").emit("direct");
            out.emit(item * 100);
        }, 0);

        RemoteOutcome outcome = RemoteStageRunner.of(pipeline, "enrich").run(3, "run-1", Map.of(), () -> false);

        assertThat(outcome.succeeded()).isTrue();
        assertThat(outcome.attempts()).isEqualTo(1);
        assertThat(outcome.emissions()).containsExactly(new Emission(null, 30), new Emission("sink", "direct"),
                new Emission(null, 300));
    }

    @Test
    void retriesAndKeepsOnlyTheSucceedingAttemptsEmissions() {
        AtomicInteger calls = new AtomicInteger();
        Pipeline pipeline = pipeline((item, out) -> {
            out.emit("attempt " + calls.incrementAndGet());
            if (calls.get() < 3) {
                throw new IllegalStateException("flaky");
            }
        }, 2);

        RemoteOutcome outcome = RemoteStageRunner.of(pipeline, "enrich").run(1, "run-1", Map.of(), () -> false);

        assertThat(outcome.succeeded()).isTrue();
        assertThat(outcome.attempts()).isEqualTo(3);
        assertThat(outcome.emissions()).containsExactly(new Emission(null, "attempt 3"));
    }

    @Test
    void failsAfterItsRetriesWithTheLastError() {
        Pipeline pipeline = pipeline((item, out) -> {
            out.emit("lost");
            throw new IllegalArgumentException("bad item " + item);
        }, 2);

        RemoteOutcome outcome = RemoteStageRunner.of(pipeline, "enrich").run(7, "run-1", Map.of(), () -> false);

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.attempts()).isEqualTo(3);
        assertThat(outcome.failure()).isInstanceOf(IllegalArgumentException.class).hasMessage("bad item 7");
        assertThat(outcome.emissions()).isEmpty();
    }

    @Test
    void anEmittedNullFailsTheItemWithAnErrorNamingTheStage() {
        Pipeline pipeline = pipeline((item, out) -> out.emit(null), 0);

        RemoteOutcome outcome = RemoteStageRunner.of(pipeline, "enrich").run(7, "run-1", Map.of(), () -> false);

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.failure()).isInstanceOf(NullPointerException.class)
                .hasMessageStartingWith("stage 'enrich' emitted null");
        assertThat(outcome.emissions()).isEmpty();
    }

    @Test
    void neverRetriesAnAbortOrAnError() {
        AtomicInteger calls = new AtomicInteger();
        Pipeline aborting = pipeline((item, out) -> {
            calls.incrementAndGet();
            throw new PipelineAbortException("stop everything");
        }, 5);
        Pipeline erring = pipeline((item, out) -> {
            calls.incrementAndGet();
            throw new StackOverflowError();
        }, 5);

        assertThat(RemoteStageRunner.of(aborting, "enrich").run(1, "r", Map.of(), () -> false).failure())
                .isInstanceOf(PipelineAbortException.class);
        assertThat(RemoteStageRunner.of(erring, "enrich").run(1, "r", Map.of(), () -> false).failure())
                .isInstanceOf(StackOverflowError.class);
        assertThat(calls).hasValue(2);
    }

    @Test
    void noRetryStartsOnceTheRunIsCancelledAndStageCodeSeesIt() {
        AtomicBoolean cancelled = new AtomicBoolean();
        AtomicReference<Boolean> seen = new AtomicReference<>();
        AtomicInteger calls = new AtomicInteger();
        Pipeline pipeline = pipeline((item, out) -> {
            calls.incrementAndGet();
            cancelled.set(true);
            seen.set(out.context().isCancelled());
            throw new IllegalStateException("gave up");
        }, 5);

        RemoteOutcome outcome = RemoteStageRunner.of(pipeline, "enrich").run(1, "r", Map.of(), cancelled::get);

        assertThat(outcome.failure()).hasMessage("gave up");
        assertThat(calls).hasValue(1);
        assertThat(seen.get()).isTrue();
    }

    @Test
    void stageCodeSeesTheCoordinatorsRun() {
        AtomicReference<String> seen = new AtomicReference<>();
        Pipeline pipeline = pipeline((item, out) -> seen.set(out.context().pipelineName() + "/"
                + out.context().runId() + "/" + out.context().parameters().get("region")), 0);

        RemoteStageRunner.of(pipeline, "enrich").run(1, "run-9", Map.of("region", "EU"), () -> false);

        assertThat(seen.get()).isEqualTo("orders/run-9/EU");
    }

    @Test
    void refusesAStageThatIsNotAProcessorOrConsumer() {
        Pipeline pipeline = pipeline((item, out) -> { }, 0);

        assertThatThrownBy(() -> RemoteStageRunner.of(pipeline, "source"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Stage 'source' of pipeline 'orders' is a producer; only a processor or consumer can run "
                        + "remotely");
        assertThat(RemoteStageRunner.of(pipeline, "sink").stage()).isEqualTo("sink");
        assertThat(List.of(RemoteStageRunner.of(pipeline, "enrich").stage())).containsExactly("enrich");
    }
}
