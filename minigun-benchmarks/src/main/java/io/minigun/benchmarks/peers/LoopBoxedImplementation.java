package io.minigun.benchmarks.peers;

import io.minigun.benchmarks.Implementation;
import io.minigun.benchmarks.Work;
import io.minigun.benchmarks.Workload;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The limit of a fused chain that keeps a pipeline's shape: {@code linear}'s three functions as lambdas called
 * through their interfaces in a plain loop, every item a boxed {@code Long} as it is in a pipeline. What is left
 * between this and Minigun's fused chain is the engine's own work per item (counts, sampling, end of stream).
 */
public final class LoopBoxedImplementation implements Implementation {

    @Override
    public String name() {
        return "loop-boxed";
    }

    @Override
    public boolean supports(Workload workload) {
        return workload == Workload.LINEAR;
    }

    @Override
    public long run(Workload workload, long n) {
        if (workload != Workload.LINEAR) {
            throw new UnsupportedOperationException("loop-boxed runs only " + Workload.LINEAR.id());
        }
        long[] sum = {0};
        Consumer<Consumer<Long>> produce = out -> {
            for (long x = 0; x < n; x++) {
                out.accept(x);
            }
        };
        Function<Long, Long> twice = x -> Work.twice(x);
        Consumer<Long> add = x -> sum[0] += x;
        produce.accept(x -> add.accept(twice.apply(x)));
        return sum[0];
    }
}
