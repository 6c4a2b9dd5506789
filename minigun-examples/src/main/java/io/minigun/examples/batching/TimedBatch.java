package io.minigun.examples.batching;

import io.minigun.Input;
import io.minigun.Minigun;
import io.minigun.Output;
import io.minigun.examples.Examples;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Ruby {@code 45_timed_batch_stage.rb}: a custom batching stage, written as a loop stage that owns the loop over
 * its input. It flushes a batch when it holds {@code size} items or when {@code timeout} has passed since its first
 * item, and flushes what is left at the end of the stream. ({@code accumulator(s -> s.maxSize(5).maxWait(...))} does
 * the same out of the box; this shows how to write your own.)
 */
public final class TimedBatch {

    private TimedBatch() {
    }

    static void batch(Input<Integer> in, Output<List<Integer>> out, int size, Duration timeout) {
        List<Integer> buffer = new ArrayList<>();
        Instant deadline = Instant.MAX;
        while (!in.isEnded() || !buffer.isEmpty()) {
            Duration wait = buffer.isEmpty() ? timeout : Duration.between(Instant.now(), deadline);
            Optional<Integer> next = wait.isNegative() ? Optional.empty() : in.poll(wait);
            next.ifPresent(buffer::add);
            if (buffer.size() == 1 && next.isPresent()) {
                deadline = Instant.now().plus(timeout);
            }
            boolean due = buffer.size() >= size || !Instant.now().isBefore(deadline) || in.isEnded();
            if (due && !buffer.isEmpty()) {
                out.emit(List.copyOf(buffer));
                buffer.clear();
                deadline = Instant.MAX;
            }
        }
    }

    /** The batches of 1..items (size 5, the given timeout), as the stage after the batching stage received them. */
    public static List<List<Integer>> run(int items, Duration timeout) {
        return Examples.collect(collect -> Minigun.pipeline("timed-batch")
                .producer("generate", Examples.numbers(1, items))
                .stage("timed_batch", (Input<Integer> in, Output<List<Integer>> out) ->
                        batch(in, out, 5, Duration.ofMillis(300)))
                .consumer("process", collect));
    }

    public static void main(String[] args) {
        run(12, Duration.ofMillis(300)).forEach(b -> System.out.println("Processing batch of " + b.size() + ": " + b));
    }
}
