package io.minigun.benchmarks.peers;

import io.minigun.benchmarks.Implementation;
import io.minigun.benchmarks.Work;
import io.minigun.benchmarks.Workload;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The physical limit: the least code that computes each result correctly. A plain loop for the sequential workloads
 * ({@code linear-async} included: the limit of a pipeline is no hand-off at all), {@link Work#WORKERS} threads
 * splitting the range for {@code cpu-parallel}, and {@link Work#IO_CONCURRENCY} threads claiming items from a
 * shared counter for {@code io-bound}. It cannot isolate work in processes, so {@code process} is not applicable.
 */
public final class LoopImplementation implements Implementation {

    @Override
    public String name() {
        return "loop";
    }

    @Override
    public boolean supports(Workload workload) {
        return workload != Workload.PROCESS;
    }

    @Override
    public long run(Workload workload, long n) throws Exception {
        return switch (workload) {
            case LINEAR, LINEAR_ASYNC -> linear(n);
            case CPU_PARALLEL -> cpuParallel(n);
            case IO_BOUND -> ioBound(n);
            case BATCH -> batch(n);
            case PROCESS -> throw new UnsupportedOperationException("loop cannot run " + workload.id());
        };
    }

    private static long linear(long n) {
        long sum = 0;
        for (long x = 0; x < n; x++) {
            sum += Work.twice(x);
        }
        return sum;
    }

    private static long cpuParallel(long n) throws Exception {
        int workers = Work.WORKERS;
        AtomicLongArray partial = new AtomicLongArray(workers);
        ThreadCrew crew = new ThreadCrew("loop-cpu");
        for (int w = 0; w < workers; w++) {
            int worker = w;
            long from = n * worker / workers;
            long to = n * (worker + 1) / workers;
            crew.start(() -> {
                long sum = 0;
                for (long x = from; x < to; x++) {
                    sum += Work.mix(x);
                }
                partial.set(worker, sum);
            });
        }
        crew.join();
        long total = 0;
        for (int w = 0; w < workers; w++) {
            total += partial.get(w);
        }
        return total;
    }

    private static long ioBound(long n) throws Exception {
        AtomicLong next = new AtomicLong();
        AtomicLong count = new AtomicLong();
        ThreadCrew crew = new ThreadCrew("loop-io");
        for (int t = 0; t < Work.IO_CONCURRENCY; t++) {
            crew.start(() -> {
                long mine = 0;
                for (long x = next.getAndIncrement(); x < n; x = next.getAndIncrement()) {
                    mine += Work.blockingCall(x);
                }
                count.addAndGet(mine);
            });
        }
        crew.join();
        return count.get();
    }

    private static long batch(long n) {
        long[] batch = new long[Work.BATCH_SIZE];
        int size = 0;
        long total = 0;
        for (long x = 0; x < n; x++) {
            batch[size++] = x;
            if (size == batch.length) {
                total += sum(batch, size);
                size = 0;
            }
        }
        return size > 0 ? total + sum(batch, size) : total;
    }

    private static long sum(long[] batch, int size) {
        long sum = 0;
        for (int i = 0; i < size; i++) {
            sum += batch[i];
        }
        return sum;
    }
}
