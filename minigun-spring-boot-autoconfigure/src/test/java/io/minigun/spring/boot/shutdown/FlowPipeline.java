package io.minigun.spring.boot.shutdown;

import io.minigun.ContextType;
import io.minigun.Output;
import io.minigun.annotation.Consumer;
import io.minigun.annotation.MinigunPipeline;
import io.minigun.annotation.Processor;
import io.minigun.annotation.Producer;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * An endless run through every kind of context: numbers forever → {@code parse} on two platform threads →
 * {@code enrich} on two platform threads (the tests turn it VIRTUAL on JDK 21+ with
 * {@code minigun.pipelines.flow.stages.enrich.concurrency}) → {@code isolate} in two worker JVMs, a millisecond per
 * item → {@code sink}. Only cancellation ends it.
 */
@Component
@MinigunPipeline(name = "flow")
public class FlowPipeline {
    private static final long WORK_NANOS = Duration.ofMillis(1).toNanos();

    /** Threads the in-JVM stages ran on (the PROCESS stage runs in other JVMs). */
    final SeenThreads threads = new SeenThreads();

    @Producer
    void numbers(Output<Long> out) {
        Endless.numbers(out);
    }

    @Processor(concurrency = ContextType.THREAD, threads = 2)
    Long parse(Long n) {
        threads.add();
        return n + 1;
    }

    @Processor(concurrency = ContextType.THREAD, threads = 2)
    Long enrich(Long n) {
        threads.add();
        return n * 2;
    }

    /** Slow work in a worker JVM: items are in hand there when the application closes. */
    @Processor(concurrency = ContextType.PROCESS, poolSize = 2)
    Long isolate(Long n) {
        LockSupport.parkNanos(WORK_NANOS);
        return n;
    }

    @Consumer
    void sink(Long n) {
        threads.add();
    }
}
