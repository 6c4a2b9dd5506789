package io.minigun.examples.flow;

import io.minigun.ContextType;
import io.minigun.Minigun;
import io.minigun.examples.Examples;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ruby {@code 47_backpressure_demo.rb}: a fast producer and a slow consumer with an input queue of 10. A full queue
 * blocks the producer, so it never gets far ahead: at most the queue plus what the consumer holds. (A single-worker
 * stage takes up to 64 queued items into its hands at once, at most a queue's worth, so that is at most twice the
 * queue size: 20 here.)
 */
public final class Backpressure {

    private Backpressure() {
    }

    public static final int QUEUE_SIZE = 10;

    /** What the consumer received, and how far at most the producer got ahead of it. */
    public record Outcome(List<Integer> consumed, int maxAhead) {
    }

    public static Outcome run() {
        AtomicInteger done = new AtomicInteger();
        AtomicInteger maxAhead = new AtomicInteger();
        List<Integer> consumed = new CopyOnWriteArrayList<>();
        Examples.ok(Minigun.pipeline("backpressure")
                .producer("fast_producer", out -> {
                    for (int i = 1; i <= 50; i++) {
                        out.emit(i);
                        int ahead = i - done.get();
                        maxAhead.accumulateAndGet(ahead, Math::max);
                    }
                })
                .consumer("slow_consumer", (Integer n) -> {
                    Thread.sleep(1);   // simulated slow work
                    consumed.add(n);
                    done.incrementAndGet();
                }, s -> s.concurrency(ContextType.THREAD).threads(1).queueSize(QUEUE_SIZE))
                .build()
                .run());
        return new Outcome(List.copyOf(consumed), maxAhead.get());
    }

    public static void main(String[] args) {
        Outcome o = run();
        System.out.println("Consumed " + o.consumed().size() + " items in order; the producer was at most "
                + o.maxAhead() + " items ahead (queue size " + QUEUE_SIZE + ")");
    }
}
