package io.minigun.examples.errors;

import io.minigun.ContextType;
import io.minigun.ItemFailure;
import io.minigun.Minigun;
import io.minigun.RunResult;
import io.minigun.examples.Examples;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ruby {@code 20_error_handling_hooks.rb}: the original rescues errors by hand and re-emits an item to retry it. Here
 * that is configuration: {@code retries(1)} retries an item once (item 7 fails its first attempt, then passes), and
 * an item that still fails goes to the stage's dead-letter handler with its stage and exception (13 is invalid;
 * 15 fails in a worker JVM). Everything else is saved, and the run reports the failures.
 */
public final class RetriesAndDeadLetters {

    private RetriesAndDeadLetters() {
    }

    public record DeadLetter(String stage, int item, String error) {
    }

    public record Outcome(List<Integer> saved, List<DeadLetter> deadLetters, Map<Integer, Integer> attempts,
                          RunResult run) {
    }

    public static Outcome run() {
        List<Integer> saved = new CopyOnWriteArrayList<>();
        List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();
        Map<Integer, AtomicInteger> attempts = new ConcurrentHashMap<>();
        RunResult run = Minigun.pipeline("errors")
                .producer("generate", Examples.numbers(1, 20))
                .processor("validate", (Integer id) -> {
                    if (id == 13) {
                        throw new IllegalArgumentException("invalid id " + id);
                    }
                    return id;
                }, s -> s.deadLetter(f -> deadLetters.add(deadLetter(f))))
                .processor("transform", (Integer id) -> {
                    if (attempts.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet() == 1 && id == 7) {
                        throw new IllegalStateException("transient failure on " + id);
                    }
                    return id;
                }, s -> s.retries(1).backoff(Duration.ofMillis(1)))
                .processor("save", (Integer id) -> {
                    if (id == 15) {
                        throw new IllegalStateException("database rejected " + id);
                    }
                    return id;
                }, s -> s.concurrency(ContextType.PROCESS).poolSize(1)
                        .deadLetter(f -> deadLetters.add(deadLetter(f))))
                .consumer("collect", (Integer id) -> saved.add(id))
                .build()
                .run();
        Map<Integer, Integer> attemptCounts = new TreeMap<>();
        attempts.forEach((id, count) -> {
            if (count.get() > 1) {
                attemptCounts.put(id, count.get());
            }
        });
        return new Outcome(Examples.sorted(saved), List.copyOf(deadLetters), attemptCounts, run);
    }

    private static DeadLetter deadLetter(ItemFailure failure) {
        return new DeadLetter(failure.stage(), (Integer) failure.item(), failure.exception().getMessage());
    }

    public static void main(String[] args) {
        Outcome o = run();
        System.out.println("Saved: " + o.saved());
        System.out.println("Retried (id=attempts): " + o.attempts());
        o.deadLetters().forEach(d -> System.out.println("Dead letter: " + d));
        System.out.println(o.run().describe());
    }
}
