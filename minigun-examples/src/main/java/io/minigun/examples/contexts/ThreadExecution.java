package io.minigun.examples.contexts;

import io.minigun.ContextType;
import io.minigun.Minigun;
import io.minigun.examples.Examples;

import java.util.List;

/**
 * Ruby {@code 27_thread_execution.rb}, {@code 28_basic_pool.rb}, {@code 27_parallel_execution.rb} and
 * {@code 28_parallel_pool.rb}: a THREAD stage with a pool of N threads handles N items at once (each takes a few ms
 * here); results arrive in any order, so they are sorted.
 */
public final class ThreadExecution {

    private ThreadExecution() {
    }

    /** {@code count} items, from 0, multiplied by {@code factor} on {@code threads} threads; sorted. */
    public static List<Integer> run(int threads, int count, int factor) {
        return Examples.sorted(Examples.<Integer>collect(collect -> Minigun.pipeline("threads-" + threads)
                .producer("generate", Examples.numbers(0, count - 1))
                .processor("work", (Integer n) -> {
                    Thread.sleep(2);   // simulated I/O
                    return n * factor;
                }, s -> s.concurrency(ContextType.THREAD).threads(threads))
                .consumer("collect", collect)));
    }

    public static void main(String[] args) {
        System.out.println("5 threads, 10 items ×2: " + run(5, 10, 2));
        System.out.println("5 threads, 10 items ×3: " + run(5, 10, 3));
        System.out.println("10 threads, 50 items ×2: " + run(10, 50, 2).size() + " results");
    }
}
