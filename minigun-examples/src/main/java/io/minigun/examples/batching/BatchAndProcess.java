package io.minigun.examples.batching;

import io.minigun.ContextType;
import io.minigun.Minigun;
import io.minigun.examples.Examples;

import java.io.Serializable;
import java.util.List;

/**
 * Ruby {@code 36_batch_and_process.rb} and {@code 23_runner_features.rb}: batches of 100 go to worker JVMs, one
 * batch per frame; each worker sums its batch and the sums come back to the parent.
 */
public final class BatchAndProcess {

    private BatchAndProcess() {
    }

    public record BatchSum(int first, int size, long sum, long pid) implements Serializable {
    }

    public static List<BatchSum> run() {
        List<BatchSum> sums = Examples.collect(collect -> Minigun.pipeline("batch-and-process")
                .producer("generate", Examples.numbers(0, 999))
                .accumulator("batch", s -> s.maxSize(100))
                .processor("process_batch", (List<Integer> batch) -> new BatchSum(batch.get(0), batch.size(),
                                batch.stream().mapToLong(Integer::longValue).sum(), ProcessHandle.current().pid()),
                        s -> s.concurrency(ContextType.PROCESS).poolSize(2))
                .consumer("collect", collect));
        return Examples.sortedBy(sums, BatchSum::first);
    }

    public static void main(String[] args) {
        List<BatchSum> sums = run();
        sums.forEach(System.out::println);
        System.out.println(sums.size() + " batches, total " + sums.stream().mapToLong(BatchSum::sum).sum());
    }
}
