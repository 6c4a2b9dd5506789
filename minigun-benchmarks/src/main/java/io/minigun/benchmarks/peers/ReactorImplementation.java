package io.minigun.benchmarks.peers;

import io.minigun.benchmarks.Implementation;
import io.minigun.benchmarks.Work;
import io.minigun.benchmarks.Workload;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Project Reactor, idiomatic: a fused {@code Flux} chain for {@code linear}, {@code publishOn} hops between
 * single-thread schedulers for {@code linear-async}, {@code parallel().runOn()} for {@code cpu-parallel},
 * {@code flatMap} with bounded concurrency onto a bounded-elastic scheduler for blocking {@code io-bound} calls, and
 * {@code buffer} for {@code batch}. Schedulers are created per round and disposed, like any pool in this harness.
 * Reactor has no process isolation, so {@code process} is not applicable.
 */
public final class ReactorImplementation implements Implementation {

    @Override
    public String name() {
        return "reactor";
    }

    @Override
    public boolean supports(Workload workload) {
        return workload != Workload.PROCESS;
    }

    @Override
    public long run(Workload workload, long n) {
        return switch (workload) {
            case LINEAR -> linear(n);
            case LINEAR_ASYNC -> linearAsync(n);
            case CPU_PARALLEL -> cpuParallel(n);
            case IO_BOUND -> ioBound(n);
            case BATCH -> batch(n);
            case PROCESS -> throw new UnsupportedOperationException("reactor cannot run " + workload.id());
        };
    }

    /** The items {@code 0..n−1} as longs. */
    private static Flux<Long> items(long n) {
        return Flux.range(0, Math.toIntExact(n)).map(Integer::longValue);
    }

    private static long linear(long n) {
        return items(n).map(Work::twice).reduce(0L, Long::sum).block();
    }

    private static long linearAsync(long n) {
        Scheduler produce = Schedulers.newSingle("reactor-produce");
        Scheduler twice = Schedulers.newSingle("reactor-twice");
        Scheduler sum = Schedulers.newSingle("reactor-sum");
        try {
            return items(n)
                    .subscribeOn(produce)
                    .publishOn(twice, Work.QUEUE_CAPACITY)
                    .map(Work::twice)
                    .publishOn(sum, Work.QUEUE_CAPACITY)
                    .reduce(0L, Long::sum)
                    .block();
        } finally {
            produce.dispose();
            twice.dispose();
            sum.dispose();
        }
    }

    private static long cpuParallel(long n) {
        Scheduler workers = Schedulers.newParallel("reactor-cpu", Work.WORKERS);
        try {
            return items(n)
                    .parallel(Work.WORKERS)
                    .runOn(workers)
                    .map(Work::mix)
                    .reduce(Long::sum)
                    .block();
        } finally {
            workers.dispose();
        }
    }

    private static long ioBound(long n) {
        Scheduler io = Schedulers.newBoundedElastic(Work.IO_CONCURRENCY, Integer.MAX_VALUE, "reactor-io");
        try {
            return items(n)
                    .flatMap(x -> Mono.fromCallable(() -> Work.blockingCall(x)).subscribeOn(io),
                            Work.IO_CONCURRENCY)
                    .reduce(0L, Long::sum)
                    .block();
        } finally {
            io.dispose();
        }
    }

    private static long batch(long n) {
        return items(n).buffer(Work.BATCH_SIZE).map(Work::sum).reduce(0L, Long::sum).block();
    }
}
