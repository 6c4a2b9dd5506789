package io.minigun.benchmarks.peers;

import io.minigun.benchmarks.Implementation;
import io.minigun.benchmarks.Work;
import io.minigun.benchmarks.Workload;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongUnaryOperator;

/**
 * The hand-rolled pipeline users write today: one platform thread per stage (a pool of them for the parallel
 * stages), an {@link ArrayBlockingQueue} of {@link Work#QUEUE_CAPACITY} between stages, items passed one by one
 * with {@code put}/{@code take}, and an end-of-stream marker. It cannot fuse stages, so {@code linear} runs the
 * same three-thread pipeline as {@code linear-async}. For {@code process} it is the hand-rolled equivalent,
 * {@link PipedWorkers}: longs piped through child JVMs.
 */
public final class AbqImplementation implements Implementation {

    /** The end-of-stream marker; never equal to an item. */
    private static final Object END = new Object();

    @Override
    public String name() {
        return "abq";
    }

    @Override
    public long run(Workload workload, long n) throws Exception {
        return switch (workload) {
            case LINEAR, LINEAR_ASYNC -> linear(n);
            case CPU_PARALLEL -> parallel(n, Work.WORKERS, Work::mix, "abq-cpu");
            case IO_BOUND -> parallel(n, Work.IO_CONCURRENCY, Work::blockingCall, "abq-io");
            case BATCH -> batch(n);
            case PROCESS -> PipedWorkers.doubleAndSum(n, Work.WORKERS);
        };
    }

    private static BlockingQueue<Object> queue() {
        return new ArrayBlockingQueue<>(Work.QUEUE_CAPACITY);
    }

    /** The producer stage: puts {@code 0..n−1}, then {@code ends} end markers (one per downstream worker). */
    private static ThreadCrew.Task produce(long n, BlockingQueue<Object> out, int ends) {
        return () -> {
            for (long x = 0; x < n; x++) {
                out.put(x);
            }
            for (int i = 0; i < ends; i++) {
                out.put(END);
            }
        };
    }

    private static long linear(long n) throws Exception {
        BlockingQueue<Object> produced = queue();
        BlockingQueue<Object> doubled = queue();
        AtomicLong result = new AtomicLong();
        new ThreadCrew("abq-linear")
                .start(produce(n, produced, 1))
                .start(() -> {
                    for (Object item = produced.take(); item != END; item = produced.take()) {
                        doubled.put(Work.twice((Long) item));
                    }
                    doubled.put(END);
                })
                .start(() -> {
                    long sum = 0;
                    for (Object item = doubled.take(); item != END; item = doubled.take()) {
                        sum += (Long) item;
                    }
                    result.set(sum);
                })
                .join();
        return result.get();
    }

    /** Producer → queue → {@code workers} threads applying {@code function}, each adding to the total. */
    private static long parallel(long n, int workers, LongUnaryOperator function, String name)
            throws Exception {
        BlockingQueue<Object> produced = queue();
        AtomicLong result = new AtomicLong();
        ThreadCrew crew = new ThreadCrew(name).start(produce(n, produced, workers));
        for (int w = 0; w < workers; w++) {
            crew.start(() -> {
                long sum = 0;
                for (Object item = produced.take(); item != END; item = produced.take()) {
                    sum += function.applyAsLong((Long) item);
                }
                result.addAndGet(sum);
            });
        }
        crew.join();
        return result.get();
    }

    /** Producer → queue → batcher → queue of batches → summer. */
    private static long batch(long n) throws Exception {
        BlockingQueue<Object> produced = queue();
        BlockingQueue<Object> batches = queue();
        AtomicLong result = new AtomicLong();
        new ThreadCrew("abq-batch")
                .start(produce(n, produced, 1))
                .start(() -> {
                    List<Long> batch = new ArrayList<>(Work.BATCH_SIZE);
                    for (Object item = produced.take(); item != END; item = produced.take()) {
                        batch.add((Long) item);
                        if (batch.size() == Work.BATCH_SIZE) {
                            batches.put(batch);
                            batch = new ArrayList<>(Work.BATCH_SIZE);
                        }
                    }
                    if (!batch.isEmpty()) {
                        batches.put(batch);
                    }
                    batches.put(END);
                })
                .start(() -> {
                    long total = 0;
                    for (Object item = batches.take(); item != END; item = batches.take()) {
                        @SuppressWarnings("unchecked")
                        List<Long> batch = (List<Long>) item;
                        total += Work.sum(batch);
                    }
                    result.set(total);
                })
                .join();
        return result.get();
    }
}
