package io.minigun.benchmarks;

import io.minigun.Minigun;
import io.minigun.Pipeline;
import io.minigun.RunResult;

/**
 * Items per second of a three-stage trivial pipeline (produce longs → x·2 → sum), fused (AUTO) and with one thread
 * per stage ({@code inline=false}). Usage: {@code CoreThroughput [items] [rounds]}; defaults 10,000,000 and 5.
 */
public final class CoreThroughput {
    private CoreThroughput() {
    }

    public static void main(String[] args) {
        long n = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        for (boolean inline : new boolean[] {true, false}) {
            Pipeline pipeline = pipeline(n, inline);
            System.out.println(pipeline.plan().describe());
            for (int round = 1; round <= rounds; round++) {
                RunResult result = pipeline.run().throwIfFailed();
                double seconds = result.duration().toNanos() / 1e9;
                System.out.printf("%s round %d: %,.0f items/s (%d items in %.3f s)%n",
                        inline ? "fused (AUTO)" : "inline=false", round, n / seconds, result.consumed(), seconds);
            }
        }
    }

    private static Pipeline pipeline(long n, boolean inline) {
        long[] sum = new long[1];
        return Minigun.pipeline(inline ? "fused" : "threaded")
                .concurrency(c -> c.inline(inline))
                .producer("generate", out -> {
                    for (long i = 0; i < n; i++) {
                        out.emit(i);
                    }
                })
                .processor("twice", (Long x) -> x * 2)
                .consumer("sum", (Long x) -> sum[0] += x)
                .build();
    }
}
