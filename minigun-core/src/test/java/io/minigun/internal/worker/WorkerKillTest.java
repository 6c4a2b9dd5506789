package io.minigun.internal.worker;

import io.minigun.process.ProcessOptions;

import io.minigun.process.Codec;

import io.minigun.ContextType;
import io.minigun.Minigun;
import io.minigun.PipelineRun;
import io.minigun.RunResult;
import io.minigun.RunStatus;
import io.minigun.execution.PipelineExecutor;
import io.minigun.support.BusyWork;
import io.minigun.support.Conservation;
import io.minigun.support.WarmRuns;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Worker JVMs killed from outside, and the dealing of items to workers: nothing lost, nothing hangs, none left. */
@Timeout(120)
class WorkerKillTest {

    @AfterEach
    void noWorkerIsLeftBehind() {
        await().atMost(15, TimeUnit.SECONDS).until(() -> ProcessHandle.current().children().count() == 0);
    }

    @Test
    void workersKilledWithSigkillMidRunAreReplacedAndEveryItemArrivesOnce() throws Exception {
        killBothWorkersMidRun(Minigun.pipeline("kill"), false);
    }

    @Test
    void warmWorkersKilledWithSigkillMidRunAreReplacedAndEveryItemArrivesOnce() throws Exception {
        try (PipelineExecutor executor = new PipelineExecutor()) {
            killBothWorkersMidRun(WarmRuns.keptWarm(Minigun.pipeline("kill"), executor), true);
            assertThat(executor.warmWorkers()).as("the replacements are kept warm").isEqualTo(2);
        }
    }

    /**
     * 20,000 items through 2 workers, one killed after 3,000 items and the other 500 items later; with {@code warm},
     * a run without items first starts the workers the killed run then takes from the pool.
     */
    private static void killBothWorkersMidRun(io.minigun.PipelineBuilder builder, boolean warm) throws Exception {
        int total = 20_000;
        List<Integer> out = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger delivered = new AtomicInteger();
        io.minigun.Pipeline pipeline = builder
                .producer("numbers", o -> {
                    if (!WarmRuns.warmingUp(o)) {
                        IntStream.range(0, total).forEach(o::emit);
                    }
                })
                .processor("work", (Integer n) -> BusyWork.spin(n, 20),
                        s -> s.concurrency(ContextType.PROCESS).poolSize(2))
                .consumer("collect", (Integer n) -> {
                    out.add(n);
                    delivered.incrementAndGet();
                })
                .build();
        List<ProcessHandle> warmWorkers = List.of();
        if (warm) {
            warmWorkers = WarmRuns.warmUp(pipeline);
        }
        PipelineRun run = pipeline.start();

        await().atMost(60, TimeUnit.SECONDS).until(() -> delivered.get() >= 3_000);
        List<ProcessHandle> workers = ProcessHandle.current().children().toList();
        assertThat(workers).hasSize(2);
        if (warm) {
            assertThat(workers).as("the run took the warm workers").containsExactlyInAnyOrderElementsOf(warmWorkers);
        }
        workers.get(0).destroyForcibly();
        int seen = delivered.get();
        await().atMost(30, TimeUnit.SECONDS).until(() -> delivered.get() > seen + 500);
        workers.get(1).destroyForcibly();

        RunResult result = run.await(Duration.ofSeconds(60));

        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(out).hasSize(total);
        assertThat(new java.util.TreeSet<>(out)).containsExactlyElementsOf(IntStream.range(0, total).boxed().toList());
        assertThat(result.stats().stage("work").succeeded()).isEqualTo(total);
        Conservation.assertHolds(result);
    }

    @Test
    void slowItemsAreDealtToEveryFreeWorker() {
        Map<Long, AtomicInteger> perWorker = new ConcurrentHashMap<>();
        RunResult result = Minigun.pipeline("slow")
                .producer("numbers", o -> IntStream.range(0, 24).forEach(o::emit))
                .processor("slow", (Integer n) -> {
                    Thread.sleep(150); // the work of a slow item
                    return ProcessHandle.current().pid();
                }, s -> s.concurrency(ContextType.PROCESS).poolSize(3))
                .consumer("count", (Long pid) -> perWorker.computeIfAbsent(pid, p -> new AtomicInteger())
                        .incrementAndGet())
                .build()
                .run();

        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        // 8 each when the three JVMs start alike; one that starts late takes fewer (none, if it is very late), but a
        // dealer that lets a worker hold a queue of slow items while others idle gives that worker most of them
        assertThat(perWorker).hasSizeGreaterThan(1);
        assertThat(perWorker.values()).allSatisfy(n -> assertThat(n.get()).isLessThanOrEqualTo(12));
        Conservation.assertHolds(result);
    }

    /** A codec that cannot travel to its workers: it holds a thread. */
    static final class UnshippableCodec implements Codec {
        private static final long serialVersionUID = 1L;
        private final Object notSerializable = new Thread();

        @Override
        public void write(Object item, DataOutput out) throws IOException {
            out.writeInt((Integer) item);
        }

        @Override
        public Object read(DataInput in) throws IOException {
            return in.readInt();
        }

        @Override
        public String toString() {
            return "UnshippableCodec" + notSerializable.hashCode();
        }
    }

    @Test
    void aCodecThatCannotBeShippedFailsTheRunAndLeavesNoWorker() {
        assertThatThrownBy(() -> Minigun.pipeline("codec")
                .process(ProcessOptions.defaults().withCodec(new UnshippableCodec()))
                .producer("numbers", o -> IntStream.range(0, 10).forEach(o::emit))
                .processor("work", (Integer n) -> n, s -> s.concurrency(ContextType.PROCESS).poolSize(2))
                .consumer("sink", (Integer n) -> { })
                .build()
                .run())
                .hasMessageContaining("work")
                .hasMessageContaining(UnshippableCodec.class.getName());
        assertThat(ProcessHandle.current().children().count()).isZero();
    }
}
