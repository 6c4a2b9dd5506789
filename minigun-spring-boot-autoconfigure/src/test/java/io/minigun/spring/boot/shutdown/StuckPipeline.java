package io.minigun.spring.boot.shutdown;

import io.minigun.ContextType;
import io.minigun.Output;
import io.minigun.annotation.Consumer;
import io.minigun.annotation.MinigunPipeline;
import io.minigun.annotation.Processor;
import io.minigun.annotation.Producer;
import org.springframework.stereotype.Component;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An endless run whose last stage gets stuck in user code on its first item, ignoring interrupts, until the test
 * releases it: numbers forever → {@code isolate} in two worker JVMs → {@code hold} (one platform thread).
 */
@Component
@MinigunPipeline(name = "stuck")
public class StuckPipeline {
    final CountDownLatch release = new CountDownLatch(1);
    /** The thread stuck in {@link #hold}, once it is. */
    final AtomicReference<Thread> stuck = new AtomicReference<>();
    /** How often the stuck thread was interrupted while it waited. */
    final AtomicInteger interrupts = new AtomicInteger();

    @Producer
    void numbers(Output<Long> out) {
        Endless.numbers(out);
    }

    @Processor(concurrency = ContextType.PROCESS, poolSize = 2)
    Long isolate(Long n) {
        return n;
    }

    /** Waits for the release whatever happens: an interrupt is counted and ignored. */
    @Consumer(concurrency = ContextType.THREAD, threads = 1)
    void hold(Long n) {
        stuck.compareAndSet(null, Thread.currentThread());
        while (true) {
            try {
                release.await();
                return;
            } catch (InterruptedException e) {
                interrupts.incrementAndGet();
            }
        }
    }
}
