package io.minigun.benchmarks;

import io.minigun.ContextType;
import io.minigun.Minigun;
import io.minigun.Pipeline;
import io.minigun.PipelineBuilder;

import java.util.List;

/**
 * Minigun on every workload, written the way a user would: declare the stages, set the concurrency, run. The
 * pipeline is built inside the round (building validates and plans it, which is part of what a user pays).
 */
public final class MinigunImplementation implements Implementation {

    @Override
    public String name() {
        return Implementations.MINIGUN;
    }

    @Override
    public boolean supports(Workload workload) {
        return true;
    }

    @Override
    public long run(Workload workload, long n) {
        long[] sum = new long[1];
        PipelineBuilder builder = Minigun.pipeline(workload.id())
                .producer("generate", out -> {
                    for (long i = 0; i < n; i++) {
                        out.emit(i);
                    }
                });
        Pipeline pipeline = switch (workload) {
            case LINEAR -> builder
                    .processor("twice", (Long x) -> Work.twice(x))
                    .consumer("sum", (Long x) -> sum[0] += x)
                    .build();
            case LINEAR_ASYNC -> builder
                    .concurrency(c -> c.inline(false))
                    .queueSize(Work.QUEUE_CAPACITY)
                    .processor("twice", (Long x) -> Work.twice(x))
                    .consumer("sum", (Long x) -> sum[0] += x)
                    .build();
            case CPU_PARALLEL -> builder
                    .processor("mix", (Long x) -> Work.mix(x), s -> s.threads(Work.WORKERS))
                    .consumer("sum", (Long x) -> sum[0] += x)
                    .build();
            case IO_BOUND -> builder
                    .processor("call", (Long x) -> Work.blockingCall(x), s -> s.concurrency(ioContext())
                            .poolSize(Work.IO_CONCURRENCY))
                    .consumer("count", (Long x) -> sum[0] += x)
                    .build();
            case BATCH -> builder
                    .accumulator("batch", s -> s.maxSize(Work.BATCH_SIZE))
                    .consumer("sum", (List<Long> batch) -> sum[0] += Work.sum(batch))
                    .build();
            case PROCESS -> builder
                    .processor("twice", (Long x) -> Work.twice(x), s -> s.concurrency(ContextType.PROCESS)
                            .poolSize(Work.WORKERS))
                    .consumer("sum", (Long x) -> sum[0] += x)
                    .build();
        };
        pipeline.run().throwIfFailed();
        return sum[0];
    }

    /** Virtual threads where the JDK has them, else a pool of platform threads. */
    private static ContextType ioContext() {
        return Runtime.version().feature() >= 21 ? ContextType.VIRTUAL : ContextType.THREAD;
    }
}
