package io.minigun.benchmarks.peers;

import io.minigun.benchmarks.Implementation;
import io.minigun.benchmarks.Work;
import io.minigun.benchmarks.Workload;

import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.LongStream;
import java.util.stream.StreamSupport;

/**
 * {@code java.util.stream}, written the way its users write it: a sequential {@link LongStream} for the sequential
 * workloads, a parallel one inside a dedicated {@link ForkJoinPool} sized to the workload's concurrency for
 * {@code cpu-parallel} and {@code io-bound}. Streams have no stage-per-thread mode and no process isolation, so
 * {@code linear-async} and {@code process} are not applicable.
 */
public final class StreamImplementation implements Implementation {

    @Override
    public String name() {
        return "stream";
    }

    @Override
    public boolean supports(Workload workload) {
        return workload != Workload.LINEAR_ASYNC && workload != Workload.PROCESS;
    }

    @Override
    public long run(Workload workload, long n) throws Exception {
        return switch (workload) {
            case LINEAR -> LongStream.range(0, n).map(Work::twice).sum();
            case CPU_PARALLEL -> inPool(Work.WORKERS, () -> LongStream.range(0, n).parallel().map(Work::mix).sum());
            case IO_BOUND -> inPool(Work.IO_CONCURRENCY,
                    () -> LongStream.range(0, n).parallel().map(Work::blockingCall).sum());
            case BATCH -> StreamSupport.stream(new BatchSpliterator(LongStream.range(0, n).iterator(),
                    Work.BATCH_SIZE), false).mapToLong(Work::sum).sum();
            case LINEAR_ASYNC, PROCESS -> throw new UnsupportedOperationException("stream cannot run "
                    + workload.id());
        };
    }

    /** Runs a parallel stream on exactly {@code parallelism} workers (the caller does not join in). */
    private static long inPool(int parallelism, Callable<Long> task) throws Exception {
        ForkJoinPool pool = new ForkJoinPool(parallelism);
        try {
            return pool.submit(task).get();
        } finally {
            pool.shutdownNow();
        }
    }
}
