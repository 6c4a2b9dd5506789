package io.minigun.kafka;

import io.minigun.Minigun;
import io.minigun.Output;
import io.minigun.Pipeline;
import io.minigun.PipelineRun;
import io.minigun.RunResult;
import io.minigun.RunStatus;
import io.minigun.support.Conservation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Two runs of one pipeline at once share the stage's topics and stay apart by run id. */
class ConcurrentRunsTest extends BrokerTestSupport {

    @Test
    @Timeout(90)
    void twoConcurrentRunsGetExactlyTheirOwnItemsAndParameters() throws Exception {
        int items = 3_000;
        String name = "concurrent";
        KafkaRemoting coordinator = remoting("coord");
        KafkaRemoting w1 = remoting("w1");
        KafkaRemoting w2 = remoting("w2");
        KafkaStageOptions options = KafkaStageOptions.defaults("minigun", name, "enrich").withMaxInFlight(200);
        /** What the downstream of each tenant's run received (the run's own parameter, read downstream). */
        Map<String, List<String>> receivedBy = new ConcurrentHashMap<>();
        Pipeline pipeline = Minigun.pipeline(name)
                .producer("gen", out -> {
                    for (int i = 0; i < items; i++) {
                        out.emit(i);
                    }
                })
                .processor("enrich", (Integer n, Output<String> out) ->
                                // what the remote stage code saw as its run's parameters and id
                                out.emit(out.context().parameters().get("tenant") + ":" + out.context().runId() + ":" + n),
                        s -> s.transport(coordinator.transport(name, "enrich", options)))
                .consumer("save", (String s, Output<Object> out) -> receivedBy
                        .computeIfAbsent(out.context().parameters().get("tenant") + ":" + out.context().runId(),
                                k -> new CopyOnWriteArrayList<>()).add(s))
                .build();
        w1.serve(pipeline, "enrich", options);
        w2.serve(pipeline, "enrich", options);
        coordinator.start();
        w1.start();
        w2.start();
        awaitGroup("minigun.concurrent.enrich.items", 2);

        PipelineRun a = pipeline.start(Map.of("tenant", "a"));
        PipelineRun b = pipeline.start(Map.of("tenant", "b"));
        RunResult resultA = Conservation.assertHolds(a.await(Duration.ofSeconds(60)));
        RunResult resultB = Conservation.assertHolds(b.await(Duration.ofSeconds(60)));

        assertThat(resultA.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(resultB.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(receivedBy.keySet()).containsExactlyInAnyOrder("a:" + a.id(), "b:" + b.id());
        for (var entry : List.of(Map.entry("a", a.id()), Map.entry("b", b.id()))) {
            String run = entry.getKey() + ":" + entry.getValue();
            List<String> got = receivedBy.get(run);
            assertThat(got).as("run %s downstream", run).hasSize(items);
            assertThat(Set.copyOf(got)).as("each item of run %s once", run).hasSize(items)
                    .allSatisfy(s -> assertThat(s).startsWith(run + ":"));
        }
        long routed = coordinator.router().routed.sum();
        long delivered = receivedBy.values().stream().mapToLong(List::size).sum();
        report("ConcurrentRunsTest", 2L * items, delivered, routed - 2L * items, 0, 2L * items - delivered,
                "runA=" + resultA.duration().toMillis() + "ms runB=" + resultB.duration().toMillis() + "ms");
    }
}
