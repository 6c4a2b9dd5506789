package io.minigun.benchmarks;

import io.minigun.ContextType;
import io.minigun.Minigun;
import io.minigun.Pipeline;
import io.minigun.RunResult;

/**
 * Items per second through a PROCESS stage (x·2 in 2 worker JVMs), and how long a run with no items takes, which is
 * about the worker start-up time. Usage: {@code ProcessThroughput [items] [rounds]}; defaults 1,000,000 and 3.
 */
public final class ProcessThroughput {
    private ProcessThroughput() {
    }

    public static void main(String[] args) {
        long n = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        for (int round = 1; round <= rounds; round++) {
            RunResult empty = pipeline(0).run().throwIfFailed();
            System.out.printf("start-up round %d: a run with 2 workers and no items took %d ms%n", round,
                    empty.duration().toMillis());
        }
        for (int round = 1; round <= rounds; round++) {
            RunResult result = pipeline(n).run().throwIfFailed();
            double seconds = result.duration().toNanos() / 1e9;
            System.out.printf("round %d: %,.0f items/s (%d items through 2 worker JVMs in %.3f s, start-up included)%n",
                    round, n / seconds, result.consumed(), seconds);
        }
    }

    private static Pipeline pipeline(long n) {
        long[] sum = new long[1];
        return Minigun.pipeline("process")
                .producer("generate", out -> {
                    for (long i = 0; i < n; i++) {
                        out.emit(i);
                    }
                })
                .processor("twice", (Long x) -> x * 2, s -> s.concurrency(ContextType.PROCESS).poolSize(2))
                .consumer("sum", (Long x) -> sum[0] += x)
                .build();
    }
}
