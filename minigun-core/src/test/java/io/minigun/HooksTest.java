package io.minigun;

import io.minigun.support.Conservation;
import io.minigun.support.MinigunThreads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Lifecycle hooks (SPEC §3.6): once each, in order, around the right work, also in nested pipelines. */
@Timeout(30)
@ExtendWith(MinigunThreads.class)
class HooksTest {

    @ParameterizedTest(name = "inline={0}")
    @ValueSource(booleans = {true, false})
    void runAndStageHooksRunExactlyOnceAroundTheirWork(boolean inline) {
        List<String> events = Collections.synchronizedList(new java.util.ArrayList<>());
        Pipeline p = Minigun.pipeline("hooks-" + inline)
                .concurrency(c -> c.inline(inline))
                .producer("gen", out -> {
                    events.add("item:gen");
                    for (int i = 0; i < 5; i++) out.emit(i);
                })
                .processor("double", (Integer n) -> {
                    events.add("item:double");
                    return n * 2;
                })
                .accumulator("batch", (List<Integer> batch, Output<List<Integer>> out) -> {
                    events.add("item:batch");
                    out.emit(batch);
                }, s -> s.maxSize(2))
                .consumer("save", (List<Integer> batch) -> events.add("item:save"))
                .beforeRun(() -> events.add("beforeRun"))
                .afterRun(() -> events.add("afterRun"))
                .before("gen", () -> events.add("before:gen"))
                .after("gen", () -> events.add("after:gen"))
                .before("double", () -> events.add("before:double"))
                .after("double", () -> events.add("after:double"))
                .before("batch", () -> events.add("before:batch"))
                .after("batch", () -> events.add("after:batch"))
                .before("save", () -> events.add("before:save"))
                .after("save", () -> events.add("after:save"))
                .build();

        Conservation.assertHolds(p.run());

        List<String> e = List.copyOf(events);
        for (String hook : List.of("beforeRun", "afterRun", "before:gen", "after:gen", "before:double",
                "after:double", "before:batch", "after:batch", "before:save", "after:save")) {
            assertThat(Collections.frequency(e, hook)).as("%s runs exactly once in %s", hook, e).isEqualTo(1);
        }
        assertThat(e.get(0)).isEqualTo("beforeRun");
        assertThat(e.get(e.size() - 1)).isEqualTo("afterRun");
        for (String stage : List.of("gen", "double", "batch", "save")) {
            assertThat(e.indexOf("before:" + stage)).as("before:%s precedes its first item", stage)
                    .isLessThan(e.indexOf("item:" + stage));
            assertThat(e.indexOf("after:" + stage)).as("after:%s follows its last item", stage)
                    .isGreaterThan(e.lastIndexOf("item:" + stage));
        }
        assertThat(e.indexOf("after:gen")).isLessThan(e.indexOf("after:double"));
        assertThat(e.indexOf("after:double")).isLessThan(e.indexOf("after:batch"));
        assertThat(e.indexOf("after:batch")).isLessThan(e.indexOf("after:save"));
        assertThat(Collections.frequency(e, "item:batch")).as("flushes [0,2] [4,6] [8]").isEqualTo(3);
        assertThat(Collections.frequency(e, "item:save")).isEqualTo(3);
    }

    @Test
    void hooksDeclaredInsideNestedPipelinesFireOnce() {
        List<String> events = new CopyOnWriteArrayList<>();
        List<Integer> received = new CopyOnWriteArrayList<>();
        Pipeline p = Minigun.pipeline("nested-hooks")
                .producer("gen", out -> { for (int i = 0; i < 3; i++) out.emit(i); })
                .pipeline("outer", outer -> outer
                        .beforeRun(() -> events.add("outer:beforeRun"))
                        .afterRun(() -> events.add("outer:afterRun"))
                        .processor("inc", (Integer n) -> {
                            events.add("item:inc");
                            return n + 1;
                        })
                        .before("inc", () -> events.add("outer:before:inc"))
                        .after("inc", () -> events.add("outer:after:inc"))
                        .pipeline("inner", inner -> inner
                                .beforeRun(() -> events.add("inner:beforeRun"))
                                .afterRun(() -> events.add("inner:afterRun"))
                                .processor("neg", (Integer n) -> {
                                    events.add("item:neg");
                                    return -n;
                                })
                                .before("neg", () -> events.add("inner:before:neg"))
                                .after("neg", () -> events.add("inner:after:neg"))))
                .consumer("collect", (Integer n) -> received.add(n))
                .beforeRun(() -> events.add("root:beforeRun"))
                .afterRun(() -> events.add("root:afterRun"))
                .build();

        Conservation.assertHolds(p.run());

        assertThat(received).containsExactlyInAnyOrder(-1, -2, -3);
        List<String> e = List.copyOf(events);
        for (String hook : List.of("root:beforeRun", "root:afterRun", "outer:beforeRun", "outer:afterRun",
                "inner:beforeRun", "inner:afterRun", "outer:before:inc", "outer:after:inc", "inner:before:neg",
                "inner:after:neg")) {
            assertThat(Collections.frequency(e, hook)).as("%s runs exactly once in %s", hook, e).isEqualTo(1);
        }
        assertThat(e.indexOf("inner:before:neg")).isLessThan(e.indexOf("item:neg"));
        assertThat(e.indexOf("inner:after:neg")).isGreaterThan(e.lastIndexOf("item:neg"));
        assertThat(e.indexOf("outer:before:inc")).isLessThan(e.indexOf("item:inc"));
        assertThat(e.indexOf("outer:after:inc")).isGreaterThan(e.lastIndexOf("item:inc"));
        assertThat(e.indexOf("outer:beforeRun")).isLessThan(e.indexOf("item:inc"));
        assertThat(e.indexOf("inner:afterRun")).isGreaterThan(e.lastIndexOf("item:neg"));
    }

    @Test
    void aFailingBeforeRunAbortsBeforeAnyStageButAfterRunStillRuns() {
        AtomicBoolean producerRan = new AtomicBoolean();
        AtomicInteger consumed = new AtomicInteger();
        AtomicInteger afterRun = new AtomicInteger();
        AtomicInteger beforeStage = new AtomicInteger();
        Pipeline p = Minigun.pipeline("before-run-fails")
                .producer("gen", out -> {
                    producerRan.set(true);
                    out.emit(1);
                })
                .consumer("collect", (Integer n) -> consumed.incrementAndGet())
                .beforeRun(() -> { throw new IllegalStateException("no database"); })
                .afterRun(afterRun::incrementAndGet)
                .before("gen", beforeStage::incrementAndGet)
                .build();

        PipelineExecutionException e = catchThrowableOfType(p::run, PipelineExecutionException.class);

        assertThat(e).as("run() throws for a FAILED run").isNotNull();
        assertThat(e.result().status()).isEqualTo(RunStatus.FAILED);
        assertThat(e.result().cause()).get().satisfies(c -> assertThat(c).hasMessage("no database"));
        assertThat(producerRan).as("no stage ran").isFalse();
        assertThat(consumed).hasValue(0);
        assertThat(beforeStage).as("no stage hook ran").hasValue(0);
        assertThat(afterRun).as("afterRun runs even when beforeRun failed").hasValue(1);
        assertThat(e.result().failures()).singleElement().satisfies(f -> assertThat(f.item()).isNull());
        assertThat(e.result().produced()).isZero();
    }

    @Test
    void afterRunRunsAfterAFailFastFailure() {
        AtomicInteger afterRun = new AtomicInteger();
        AtomicReference<String> runIdSeen = new AtomicReference<>();
        Pipeline p = Minigun.pipeline("after-run-on-failure")
                .producer("gen", out -> { for (int i = 0; ; i++) out.emit(i); })
                .consumer("boom", (Integer n) -> { throw new IllegalStateException("boom"); },
                        s -> s.onError(ErrorPolicy.FAIL_FAST))
                .afterRun(ctx -> {
                    runIdSeen.set(ctx.runId());
                    afterRun.incrementAndGet();
                })
                .build();

        PipelineExecutionException e = catchThrowableOfType(p::run, PipelineExecutionException.class);

        assertThat(e.result().status()).isEqualTo(RunStatus.FAILED);
        assertThat(afterRun).hasValue(1);
        assertThat(runIdSeen).hasValue(e.result().id());
        Conservation.assertHolds(e);
    }

    @Test
    void severalHooksOfOneKindRunInRegistrationOrder() {
        List<String> events = new CopyOnWriteArrayList<>();
        Pipeline p = Minigun.pipeline("hook-order")
                .producer("gen", out -> out.emit(1))
                .consumer("collect", (Integer n) -> events.add("item"))
                .beforeRun(() -> events.add("beforeRun-1"))
                .beforeRun(() -> events.add("beforeRun-2"))
                .before("collect", () -> events.add("before-1"))
                .before("collect", () -> events.add("before-2"))
                .after("collect", () -> events.add("after-1"))
                .after("collect", () -> events.add("after-2"))
                .afterRun(() -> events.add("afterRun-1"))
                .afterRun(() -> events.add("afterRun-2"))
                .build();

        p.run();

        assertThat(events).containsExactly("beforeRun-1", "beforeRun-2", "before-1", "before-2", "item",
                "after-1", "after-2", "afterRun-1", "afterRun-2");
    }

    @Test
    void aFailingStageHookIsRecordedAsAStageFailureAndTheRunGoesOn() {
        List<Integer> received = new CopyOnWriteArrayList<>();
        Pipeline p = Minigun.pipeline("stage-hook-fails")
                .producer("gen", out -> { for (int i = 0; i < 4; i++) out.emit(i); })
                .processor("double", (Integer n) -> n * 2)
                .consumer("collect", (Integer n) -> received.add(n))
                .after("double", () -> { throw new IllegalStateException("after hook broke"); })
                .build();

        RunResult r = Conservation.assertHolds(p.run());

        assertThat(received).containsExactly(0, 2, 4, 6);
        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED_WITH_FAILURES);
        assertThat(r.failures()).singleElement().satisfies(f -> {
            assertThat(f.stage()).isEqualTo("double");
            assertThat(f.item()).isNull();
            assertThat(f.exception()).hasMessage("after hook broke");
        });
    }

    @Test
    void hooksReceiveTheRunContextWithItsParameters() {
        List<Object> seen = new CopyOnWriteArrayList<>();
        AtomicReference<String> beforeId = new AtomicReference<>();
        Pipeline p = Minigun.pipeline("hook-context")
                .producer("gen", out -> out.emit(1))
                .consumer("collect", (Integer n) -> { })
                .beforeRun(ctx -> {
                    beforeId.set(ctx.runId());
                    seen.add(ctx.parameters().get("tenant"));
                })
                .before("collect", ctx -> seen.add(ctx.pipelineName()))
                .build();

        RunResult r = p.run(Map.of("tenant", "acme"));

        assertThat(seen).containsExactly("acme", "hook-context");
        assertThat(beforeId).hasValue(r.id());
    }

    @Test
    void stageHooksOfMultiWorkerStagesRunOnceAroundAllTheirWorkers() {
        List<String> events = Collections.synchronizedList(new java.util.ArrayList<>());
        Pipeline p = Minigun.pipeline("pool-hooks")
                .producer("gen", out -> { for (int i = 0; i < 100; i++) out.emit(i); })
                .processor("pool", (Integer n) -> {
                    events.add("item:pool");
                    return n;
                }, s -> s.threads(4))
                .consumer("save", (Integer n) -> events.add("item:save"), s -> s.threads(3))
                .before("pool", () -> events.add("before:pool"))
                .after("pool", () -> events.add("after:pool"))
                .before("save", () -> events.add("before:save"))
                .after("save", () -> events.add("after:save"))
                .build();

        Conservation.assertHolds(p.run());

        List<String> e = List.copyOf(events);
        for (String hook : List.of("before:pool", "after:pool", "before:save", "after:save")) {
            assertThat(Collections.frequency(e, hook)).as(hook).isEqualTo(1);
        }
        assertThat(Collections.frequency(e, "item:pool")).isEqualTo(100);
        assertThat(e.indexOf("before:pool")).isLessThan(e.indexOf("item:pool"));
        assertThat(e.indexOf("after:pool")).isGreaterThan(e.lastIndexOf("item:pool"));
        assertThat(e.indexOf("after:save")).isGreaterThan(e.lastIndexOf("item:save"));
    }
}
