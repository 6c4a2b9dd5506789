package io.minigun;

import io.minigun.support.Conservation;
import io.minigun.support.MinigunThreads;
import io.minigun.stats.StageStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Colocation (operator fusion) must never change what a user can observe (SPEC §4.2). */
@Timeout(30)
@ExtendWith(MinigunThreads.class)
class ColocationTest {

    /** What one run let a user observe. */
    record Observed(List<String> stageCounts, List<List<Integer>> batches, List<String> hooks, List<String> failures,
                    RunStatus status, long produced, long consumed) {
    }

    private static Observed runChain(boolean inline) {
        List<List<Integer>> batches = new CopyOnWriteArrayList<>();
        List<String> hooks = new CopyOnWriteArrayList<>();
        Map<Integer, AtomicInteger> attempts = new ConcurrentHashMap<>();
        Pipeline p = Minigun.pipeline("chain")
                .concurrency(c -> c.inline(inline).retries(1).backoff(Duration.ofMillis(1)))
                .producer("gen", out -> { for (int i = 0; i < 500; i++) out.emit(i); })
                .processor("double", (Integer n) -> n * 2)
                .processor("filter", (Integer n, Output<Integer> out) -> {
                    if (n % 3 != 0) {
                        out.emit(n);
                    }
                    if (n % 50 == 0) {
                        out.emit(-n);
                    }
                })
                .processor("flaky", (Integer n) -> {
                    int a = attempts.computeIfAbsent(n, k -> new AtomicInteger()).incrementAndGet();
                    if (n == 14 && a == 1) {
                        throw new IllegalStateException("transient");
                    }
                    if (n == 22) {
                        throw new IllegalStateException("poison");
                    }
                    return n;
                })
                .accumulator("batch", s -> s.maxSize(16))
                .processor("copy", (List<Integer> b) -> List.copyOf(b))
                .consumer("save", (List<Integer> batch) -> batches.add(List.copyOf(batch)))
                .before("double", () -> hooks.add("before:double"))
                .after("double", () -> hooks.add("after:double"))
                .before("batch", () -> hooks.add("before:batch"))
                .after("batch", () -> hooks.add("after:batch"))
                .build();

        assertThat(p.plan().isColocated("double")).as("inline=%s colocates double", inline).isEqualTo(inline);
        assertThat(p.plan().isColocated("batch")).as("inline=%s colocates batch", inline).isEqualTo(inline);
        if (!inline) {
            assertThat(p.plan().queueCapacity("double")).isPositive();
        }
        RunResult r = Conservation.assertHolds(p.run());
        List<String> counts = r.stats().stages().stream()
                .map(s -> s.name() + " in=" + s.consumed() + " out=" + s.produced() + " ok=" + s.succeeded()
                        + " failed=" + s.failed() + " retried=" + s.retried() + " cancelled=" + s.cancelled()
                        + " discarded=" + s.discarded())
                .collect(Collectors.toList());
        List<String> failures = r.failures().stream().map(f -> f.stage() + ":" + f.item() + ":" + f.attempts())
                .collect(Collectors.toList());
        return new Observed(counts, new ArrayList<>(batches), hooks, failures, r.status(), r.produced(),
                r.consumed());
    }

    @Test
    void aColocatedChainAndItsIndependentTwinAreIndistinguishable() {
        Observed fused = runChain(true);
        Observed independent = runChain(false);

        assertThat(fused.stageCounts()).as("identical per-stage counts").isEqualTo(independent.stageCounts());
        assertThat(fused.batches()).as("identical batch boundaries").isEqualTo(independent.batches());
        assertThat(fused.hooks()).isEqualTo(independent.hooks())
                .containsExactly("before:double", "before:batch", "after:double", "after:batch");
        assertThat(fused.failures()).isEqualTo(independent.failures()).containsExactly("flaky:22:2");
        assertThat(fused.status()).isEqualTo(independent.status()).isEqualTo(RunStatus.COMPLETED_WITH_FAILURES);
        assertThat(fused.produced()).isEqualTo(independent.produced()).isEqualTo(500);
        assertThat(fused.consumed()).isEqualTo(independent.consumed());
        assertThat(fused.stageCounts()).contains(
                "gen in=0 out=500 ok=0 failed=0 retried=0 cancelled=0 discarded=0",
                "double in=500 out=500 ok=500 failed=0 retried=0 cancelled=0 discarded=0");
    }

    @Test
    void anIndependentAffinityKeepsAStageOutOfItsUpstreamsThread() {
        List<String> threads = new CopyOnWriteArrayList<>();
        Pipeline p = Minigun.pipeline("affinity")
                .producer("gen", out -> {
                    threads.add("gen:" + Thread.currentThread().getName());
                    out.emit(1);
                })
                .processor("fused", (Integer n) -> {
                    threads.add("fused:" + Thread.currentThread().getName());
                    return n;
                })
                .consumer("own", (Integer n) -> threads.add("own:" + Thread.currentThread().getName()),
                        s -> s.affinity(Affinity.INDEPENDENT))
                .build();

        assertThat(p.plan().isColocated("fused")).isTrue();
        assertThat(p.plan().colocatedWith("fused")).hasValue("gen");
        assertThat(p.plan().isColocated("own")).isFalse();
        Conservation.assertHolds(p.run());

        String gen = threads.stream().filter(t -> t.startsWith("gen:")).findFirst().orElseThrow().substring(4);
        String fused = threads.stream().filter(t -> t.startsWith("fused:")).findFirst().orElseThrow().substring(6);
        String own = threads.stream().filter(t -> t.startsWith("own:")).findFirst().orElseThrow().substring(4);
        assertThat(fused).as("a colocated stage runs in its upstream's thread").isEqualTo(gen);
        assertThat(own).isNotEqualTo(gen);
    }
}
