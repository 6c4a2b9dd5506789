package io.minigun.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.RequiredSearch;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minigun.Minigun;
import io.minigun.Output;
import io.minigun.PipelineRun;
import io.minigun.RunStatus;
import io.minigun.execution.PipelineExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@Timeout(60)
class MinigunMeterBinderTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final PipelineExecutor executor = new PipelineExecutor();
    private final MeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void everyStageMeterExistsAsSoonAsTheBinderIsBoundBeforeAnyRun() {
        executor.register(Minigun.pipeline("p")
                .producer("gen", out -> out.emit(1))
                .pipeline("inner", nested -> nested.processor("x", (Integer n) -> n))
                .consumer("sink", (Integer n) -> { })
                .executor(executor).build());
        MinigunMeterBinder.forExecutor(executor).bindTo(registry);

        for (String stage : new String[] {"gen", "inner/x", "sink"}) {
            for (String outcome : new String[] {"success", "failure", "retry"}) {
                assertThat(stage(MinigunMeterBinder.STAGE_ITEMS, stage).tag("outcome", outcome).functionCounter()
                        .count()).isZero();
                assertThat(stage(MinigunMeterBinder.STAGE_DURATION, stage).tag("outcome", outcome).functionTimer()
                        .count()).isZero();
            }
            assertThat(stage(MinigunMeterBinder.STAGE_QUEUE_SIZE, stage).gauge().value()).isZero();
            assertThat(stage(MinigunMeterBinder.STAGE_WORKERS_ACTIVE, stage).gauge().value()).isZero();
        }
        for (String status : new String[] {"completed", "completed_with_failures", "failed", "cancelled"}) {
            assertThat(registry.get(MinigunMeterBinder.PIPELINE_RUNS).tags("pipeline", "p", "status", status)
                    .functionTimer().count()).isZero();
        }
        assertThat(registry.get(MinigunMeterBinder.PIPELINE_ACTIVE).tag("pipeline", "p").gauge().value()).isZero();
        assertThat(registry.get(MinigunMeterBinder.STAGE_ITEMS).meter().getId().getDescription()).isNotBlank();
        assertThat(registry.get(MinigunMeterBinder.STAGE_ITEMS).meter().getId().getBaseUnit()).isEqualTo("items");
        assertThat(registry.get(MinigunMeterBinder.STAGE_WORKERS_ACTIVE).meter().getId().getBaseUnit())
                .isEqualTo("threads");
    }

    @Test
    void aPipelineRegisteredAfterBindingGetsItsMetersWhenRegisteredOrAtItsFirstRun() {
        MinigunMeterBinder binder = MinigunMeterBinder.forExecutor(executor);
        binder.bindTo(registry);
        binder.registerMetricsFor(executor.register(Minigun.pipeline("late").producer("gen", out -> out.emit(1))
                .consumer("sink", (Integer n) -> { }).executor(executor).build()));
        assertThat(registry.find(MinigunMeterBinder.STAGE_ITEMS).tag("pipeline", "late").meters()).hasSize(6);

        executor.register(Minigun.pipeline("later").producer("gen", out -> out.emit(1))
                .consumer("sink", (Integer n) -> { }).executor(executor).build());
        executor.run("later");
        assertThat(stage("later", MinigunMeterBinder.STAGE_ITEMS, "sink").tag("outcome", "success")
                .functionCounter().count()).isEqualTo(1);
    }

    @Test
    void countersAddUpFinishedRunsByOutcomeWithoutCreatingMetersPerItem() {
        executor.register(Minigun.pipeline("p")
                .producer("gen", out -> {
                    for (int i = 1; i <= 10; i++) {
                        out.emit(i);
                    }
                })
                .processor("odd", (Integer n, Output<Integer> out) -> {
                    if (n % 2 == 1) {
                        throw new IllegalStateException("odd " + n);
                    }
                    out.emit(n);
                }, s -> s.retries(1).backoff(Duration.ofMillis(1)))
                .consumer("sink", (Integer n) -> { })
                .executor(executor).build());
        MinigunMeterBinder.forExecutor(executor).bindTo(registry);
        int meters = registry.getMeters().size();

        assertThat(executor.run("p").status()).isEqualTo(RunStatus.COMPLETED_WITH_FAILURES);
        executor.run("p");

        assertThat(registry.getMeters()).hasSize(meters);
        assertThat(count("gen", "success")).isEqualTo(20);
        assertThat(count("odd", "success")).isEqualTo(10);
        assertThat(count("odd", "failure")).isEqualTo(10);
        assertThat(count("odd", "retry")).isEqualTo(10);
        assertThat(count("sink", "success")).isEqualTo(10);
        assertThat(stage(MinigunMeterBinder.STAGE_DURATION, "odd").tag("outcome", "failure").functionTimer().count())
                .isEqualTo(10);
        assertThat(registry.get(MinigunMeterBinder.PIPELINE_RUNS)
                .tags("pipeline", "p", "status", "completed_with_failures").functionTimer().count()).isEqualTo(2);
        assertThat(registry.get(MinigunMeterBinder.PIPELINE_RUNS)
                .tags("pipeline", "p", "status", "completed_with_failures").functionTimer()
                .totalTime(java.util.concurrent.TimeUnit.NANOSECONDS)).isPositive();
    }

    @Test
    void gaugesAndCountersReadTheLiveStatsOfActiveRuns() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        executor.register(Minigun.pipeline("p")
                .producer("gen", out -> {
                    for (int i = 1; i <= 100; i++) {
                        out.emit(i);
                    }
                })
                .processor("slow", (Integer n) -> {
                    release.await();
                    return n;
                }, s -> s.threads(1))
                .consumer("sink", (Integer n) -> { })
                .executor(executor).build());
        MinigunMeterBinder.forExecutor(executor, Duration.ZERO).bindTo(registry);

        PipelineRun run = executor.start("p");
        try {
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(registry.get(MinigunMeterBinder.PIPELINE_ACTIVE).tag("pipeline", "p").gauge().value())
                        .isEqualTo(1);
                assertThat(stage(MinigunMeterBinder.STAGE_WORKERS_ACTIVE, "slow").gauge().value()).isEqualTo(1);
                // a worker takes up to 64 queued items at a time, so at least 36 of the 100 still wait in the queue
                assertThat(stage(MinigunMeterBinder.STAGE_QUEUE_SIZE, "slow").gauge().value()).isGreaterThan(0);
                assertThat(count("gen", "success")).isEqualTo(100);
            });
        } finally {
            release.countDown();
        }
        run.await(WAIT);

        assertThat(registry.get(MinigunMeterBinder.PIPELINE_ACTIVE).tag("pipeline", "p").gauge().value()).isZero();
        assertThat(stage(MinigunMeterBinder.STAGE_WORKERS_ACTIVE, "slow").gauge().value()).isZero();
        assertThat(stage(MinigunMeterBinder.STAGE_QUEUE_SIZE, "slow").gauge().value()).isZero();
        assertThat(count("slow", "success")).isEqualTo(100);
        assertThat(count("gen", "success")).isEqualTo(100);
        assertThat(registry.get(MinigunMeterBinder.PIPELINE_RUNS).tags("pipeline", "p", "status", "completed")
                .functionTimer().count()).isEqualTo(1);
    }

    @Test
    void closeRemovesEveryMeter() {
        executor.register(Minigun.pipeline("p").producer("gen", out -> out.emit(1))
                .consumer("sink", (Integer n) -> { }).executor(executor).build());
        MinigunMeterBinder binder = MinigunMeterBinder.forExecutor(executor);
        binder.bindTo(registry);
        assertThat(registry.getMeters()).isNotEmpty();

        binder.close();

        assertThat(registry.getMeters()).isEmpty();
    }

    private double count(String stage, String outcome) {
        return stage(MinigunMeterBinder.STAGE_ITEMS, stage).tag("outcome", outcome).functionCounter().count();
    }

    private RequiredSearch stage(String meter, String stage) {
        return stage("p", meter, stage);
    }

    private RequiredSearch stage(String pipeline, String meter, String stage) {
        return registry.get(meter).tags("pipeline", pipeline, "stage", stage);
    }
}
