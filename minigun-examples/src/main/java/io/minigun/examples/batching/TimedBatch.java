package io.minigun.examples.batching;

import io.minigun.Input;
import io.minigun.Minigun;
import io.minigun.Output;
import io.minigun.examples.Examples;

import java.time.Duration;
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
        long deadline = 0; // System.nanoTime() at which the buffer is due; meaningful while it holds items
        while (!in.isEnded() || !buffer.isEmpty()) {
            long wait = buffer.isEmpty() ? timeout.toNanos() : deadline - System.nanoTime();
            Optional<Integer> next = wait <= 0 ? Optional.empty() : in.poll(Duration.ofNanos(wait));
            if (next.isPresent()) {
                if (buffer.isEmpty()) {
                    deadline = System.nanoTime() + timeout.toNanos();
                }
                buffer.add(next.get());
            }
            boolean due = buffer.size() >= size || deadline - System.nanoTime() <= 0 || in.isEnded();
            if (due && !buffer.isEmpty()) {
                out.emit(List.copyOf(buffer));
                buffer.clear();
            }
        }
    }

    /** The batches of 1..items (size 5, the given timeout), as the stage after the batching stage received them. */
    public static List<List<Integer>> run(int items, Duration timeout) {
        return Examples.collect(collect -> Minigun.pipeline("timed-batch")
                .producer("generate", Examples.numbers(1, items))
                .stage("timed_batch", (Input<Integer> in, Output<List<Integer>> out) ->
                        batch(in, out, 5, timeout))
                .consumer("process", collect));
    }

    public static void main(String[] args) {
        run(12, Duration.ofMillis(300)).forEach(b -> System.out.println("Processing batch of " + b.size() + ": " + b));
    }
}
