package io.minigun.spring.boot.remote;

import io.minigun.Output;
import io.minigun.RunContext;
import io.minigun.annotation.Consumer;
import io.minigun.annotation.MinigunPipeline;
import io.minigun.annotation.Processor;
import io.minigun.annotation.Producer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The application every instance of the Kafka tests runs: {@code orders} produces {@code count} numbers, {@code enrich}
 * (configured {@code transport: kafka} by the tests) runs on every instance and doubles them, {@code save} records
 * what reaches the coordinator. Parameters shape a run: {@code count}, {@code poison} (items divisible by 97 fail),
 * {@code gate} (enrich waits on {@link Ledger#gate} from that many items on), {@code workMicros} (enrich's work per
 * item).
 */
@SpringBootApplication
public class RemoteOrdersApplication {

    /** An instance in a JVM of its own (the test that kills one). */
    public static void main(String[] args) {
        SpringApplication.run(RemoteOrdersApplication.class, args);
    }

    /** What one instance saw: per run, the items its enrich ran and the items its save received. */
    @Component
    public static class Ledger {
        public final String instance;
        public final Map<String, Map<Integer, AtomicInteger>> ran = new ConcurrentHashMap<>();
        public final Map<String, Map<Integer, AtomicInteger>> saved = new ConcurrentHashMap<>();
        public final Map<String, Map<String, Object>> parametersSeen = new ConcurrentHashMap<>();
        public final AtomicInteger enriched = new AtomicInteger();
        public final CountDownLatch gate = new CountDownLatch(1);

        public Ledger(@Value("${minigun.kafka.instance-id}") String instance) {
            this.instance = instance;
        }

        static void count(Map<String, Map<Integer, AtomicInteger>> ledger, String run, int item) {
            ledger.computeIfAbsent(run, r -> new ConcurrentHashMap<>())
                    .computeIfAbsent(item, i -> new AtomicInteger()).incrementAndGet();
        }

        public int ranIn(String run) {
            return ran.getOrDefault(run, Map.of()).size();
        }
    }

    @MinigunPipeline(name = "orders")
    public static class Orders {
        private final Ledger ledger;

        public Orders(Ledger ledger) {
            this.ledger = ledger;
        }

        @Producer
        void generate(Output<Integer> out) {
            int count = ((Number) out.context().parameters().getOrDefault("count", 100)).intValue();
            for (int i = 1; i <= count; i++) {
                out.emit(i);
            }
        }

        @Processor
        void enrich(Integer n, Output<Integer> out) throws InterruptedException {
            Map<String, Object> parameters = out.context().parameters();
            ledger.parametersSeen.putIfAbsent(out.context().runId(), parameters);
            Ledger.count(ledger.ran, out.context().runId(), n);
            int at = ledger.enriched.incrementAndGet();
            Object gate = parameters.get("gate");
            if (gate != null && at >= ((Number) gate).intValue()) {
                ledger.gate.await(60, TimeUnit.SECONDS);
            }
            Object workMicros = parameters.get("workMicros");
            if (workMicros != null) {
                LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(((Number) workMicros).longValue())); // the work
            }
            if (Boolean.TRUE.equals(parameters.get("poison")) && n % 97 == 0) {
                throw new IllegalStateException("poison item " + n);
            }
            out.emit(n * 2);
        }

        @Consumer
        void save(Integer n, RunContext context) {
            Ledger.count(ledger.saved, context.runId(), n);
        }
    }
}
