package io.minigun.examples.batching;

import io.minigun.Minigun;
import io.minigun.Output;
import io.minigun.examples.Examples;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Ruby {@code 28_batch_processor.rb} and {@code 37_thread_per_batch.rb}: an accumulator groups items by size (the
 * last batch is flushed at the end of the stream) and a thread-pool stage handles a whole batch at a time.
 */
public final class BatchProcessor {

    private BatchProcessor() {
    }

    static final List<String> FRUITS = List.of("apple", "banana", "cherry", "date", "elderberry", "fig", "grape",
            "honeydew", "kiwi", "lemon");

    public record Processed(String item, String result, int batch) {
    }

    public record Outcome(List<Integer> batchSizes, List<Processed> processed) {
    }

    public static Outcome run() {
        List<Integer> batchSizes = new CopyOnWriteArrayList<>();
        List<Processed> processed = Examples.collect(collect -> Minigun.pipeline("batch-processor")
                .producer("fruits", () -> FRUITS)
                .accumulator("batch", s -> s.maxSize(4))
                .processor("process_batch", (List<String> batch, Output<Processed> out) -> {
                    batchSizes.add(batch.size());
                    for (String fruit : batch) {
                        out.emit(new Processed(fruit, fruit.toUpperCase(), batch.size()));
                    }
                }, s -> s.threads(3))
                .consumer("collect", collect));
        return new Outcome(Examples.sorted(batchSizes), processed);
    }

    public static void main(String[] args) {
        Outcome o = run();
        System.out.println("Batch sizes: " + o.batchSizes());
        o.processed().forEach(System.out::println);
    }
}
