package io.minigun.benchmarks;

import io.minigun.ContextType;
import io.minigun.Minigun;
import io.minigun.Pipeline;
import io.minigun.RunResult;
import io.minigun.process.ProcessOptions;

import java.util.List;

/**
 * Items per second through a PROCESS stage (x·2 in 2 worker JVMs), and how long a run with no items takes, which is
 * about the worker start-up time. Usage: {@code ProcessThroughput [items] [rounds] [worker JVM arguments...]};
 * defaults 1,000,000, 3 and none.
 */
public final class ProcessThroughput {
    private ProcessThroughput() {
    }

    public static void main(String[] args) {
        long n = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<String> workerArgs = args.length > 2 ? List.of(args).subList(2, args.length) : List.of();
        for (int round = 1; round <= rounds; round++) {
            RunResult empty = pipeline(0, workerArgs).run().throwIfFailed();
            System.out.printf("start-up round %d: a run with 2 workers and no items took %d ms%n", round,
                    empty.duration().toMillis());
        }
        for (int round = 1; round <= rounds; round++) {
            RunResult result = pipeline(n, workerArgs).run().throwIfFailed();
            double seconds = result.duration().toNanos() / 1e9;
            System.out.printf("round %d: %,.0f items/s (%d items through 2 worker JVMs in %.3f s, start-up included)%n",
                    round, n / seconds, result.consumed(), seconds);
        }
    }

    private static Pipeline pipeline(long n, List<String> workerArgs) {
        long[] sum = new long[1];
        return Minigun.pipeline("process")
                .process(ProcessOptions.defaults().withJvmArgs(workerArgs))
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
