package io.minigun.kafka;

import io.minigun.ItemFailure;
import io.minigun.Minigun;
import io.minigun.Pipeline;
import io.minigun.RunResult;
import io.minigun.RunStatus;
import io.minigun.process.SerializationCodec;
import io.minigun.stats.StageStats;
import io.minigun.support.Conservation;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.kafka.support.KafkaHeaders;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Items whose stage code always throws: retried on the worker, dead-lettered, failed once in the run. */
class PoisonItemsTest extends BrokerTestSupport {

    @Test
    @Timeout(90)
    void poisonItemsAreDeadLetteredWithTheirHeadersAndFailTheRunItemsExactly() throws Exception {
        int items = 2_000;
        String name = "poison";
        KafkaRemoting coordinator = remoting("coord");
        KafkaRemoting w1 = remoting("w1");
        KafkaRemoting w2 = remoting("w2");
        KafkaStageOptions options = KafkaStageOptions.defaults("minigun", name, "enrich");
        Map<Integer, AtomicInteger> received = counts();
        Pipeline pipeline = Minigun.pipeline(name)
                .producer("gen", out -> {
                    for (int i = 0; i < items; i++) {
                        out.emit(i);
                    }
                })
                .processor("enrich", (Integer n) -> {
                    if (n % 97 == 0) {
                        throw new IllegalStateException("poison " + n);
                    }
                    return n * 2;
                }, s -> s.transport(coordinator.transport(name, "enrich", options)).retries(2)
                        .backoff(Duration.ofMillis(10)))
                .consumer("save", (Integer n) -> received.computeIfAbsent(n, k -> new AtomicInteger()).incrementAndGet())
                .build();
        w1.serve(pipeline, "enrich", options);
        w2.serve(pipeline, "enrich", options);
        coordinator.start();
        w1.start();
        w2.start();
        awaitGroup("minigun.poison.enrich.items", 2);

        RunResult result = Conservation.assertHolds(pipeline.run());

        Set<Integer> poison = IntStream.range(0, items).filter(n -> n % 97 == 0).boxed()
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(poison).hasSize(21);
        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED_WITH_FAILURES);
        assertThat(result.failed()).isEqualTo(poison.size());
        assertThat(result.failures()).hasSize(poison.size()).allSatisfy(f -> {
            assertThat(f.stage()).isEqualTo("enrich");
            assertThat(f.attempts()).isEqualTo(3);
            assertThat(f.exception()).isInstanceOf(IllegalStateException.class).hasMessage("poison " + f.item());
        });
        assertThat(result.failures().stream().map(ItemFailure::item).collect(Collectors.toSet()))
                .isEqualTo(Set.copyOf(poison));
        StageStats enrich = result.stats().stage("enrich");
        assertThat(enrich.succeeded()).isEqualTo(items - poison.size());
        assertThat(enrich.failed()).isEqualTo(poison.size());
        assertThat(enrich.retried()).isEqualTo(2L * poison.size());
        assertThat(received).hasSize(items - poison.size());
        poison.forEach(n -> assertThat(received).doesNotContainKey(2 * n));
        assertThat(received.values()).allSatisfy(count -> assertThat(count).hasValue(1));

        List<ConsumerRecord<byte[], byte[]>> dead = readAll(options.deadLetterTopic(), poison.size());
        SerializationCodec codec = new SerializationCodec();
        Set<Integer> deadItems = new TreeSet<>();
        for (ConsumerRecord<byte[], byte[]> record : dead) {
            Integer item = (Integer) CodecBytes.decode(codec, record.value());
            deadItems.add(item);
            var headers = record.headers();
            assertThat(MinigunHeaders.string(headers, KafkaHeaders.DLT_EXCEPTION_FQCN))
                    .isEqualTo(IllegalStateException.class.getName());
            assertThat(MinigunHeaders.string(headers, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).isEqualTo("poison " + item);
            assertThat(MinigunHeaders.string(headers, KafkaHeaders.DLT_EXCEPTION_STACKTRACE)).contains("poison " + item);
            assertThat(MinigunHeaders.string(headers, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(options.itemsTopic());
            assertThat(MinigunHeaders.requireInt(headers, KafkaHeaders.DLT_ORIGINAL_PARTITION))
                    .isEqualTo((int) (MinigunHeaders.requireLong(headers, MinigunHeaders.SEQ) % PARTITIONS));
            assertThat(MinigunHeaders.requireLong(headers, KafkaHeaders.DLT_ORIGINAL_OFFSET)).isNotNegative();
            assertThat(MinigunHeaders.string(headers, MinigunHeaders.STAGE)).isEqualTo("enrich");
            assertThat(MinigunHeaders.string(headers, MinigunHeaders.PIPELINE)).isEqualTo(name);
            assertThat(MinigunHeaders.requireInt(headers, MinigunHeaders.ATTEMPTS)).isEqualTo(3);
            assertThat(MinigunHeaders.string(headers, MinigunHeaders.INSTANCE)).isIn("w1", "w2");
            assertThat(MinigunHeaders.string(headers, MinigunHeaders.RUN)).isEqualTo(result.id());
            assertThat(new String(record.key(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(result.id());
        }
        assertThat(deadItems).isEqualTo(poison);
        long routed = coordinator.router().routed.sum();
        report("PoisonItemsTest", items, received.size(), routed - items, dead.size(),
                items - received.size() - poison.size(), "failed=" + result.failed());
    }
}
