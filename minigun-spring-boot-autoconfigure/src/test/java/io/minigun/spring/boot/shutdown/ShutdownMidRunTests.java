package io.minigun.spring.boot.shutdown;

import io.minigun.ContextType;
import io.minigun.PipelineRun;
import io.minigun.RunResult;
import io.minigun.RunStatus;
import io.minigun.execution.PipelineExecutor;
import io.minigun.stats.StageStats;
import io.minigun.support.Conservation;
import io.minigun.support.MinigunThreads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Closing a running application mid-run (SPEC §6 Lifecycle, §4.3, §4.4, §9): a real, non-web application whose
 * PROCESS workers start the same application in worker mode.
 *
 * <p>With well-behaved stage code, {@code close()} cancels the active run and returns within Boot's shutdown phase
 * timeout ({@code spring.lifecycle.timeout-per-shutdown-phase}); by then the run has ended {@code CANCELLED} with
 * every item accounted for, and soon after no {@code minigun-*} thread, no stage thread (virtual ones included) and
 * no worker JVM is left.
 *
 * <p>With a stage stuck in user code that ignores interrupts, {@code close()} still returns, once the phase timeout
 * has passed. What happens to that thread: Minigun does not interrupt it (cancellation stops the producers and
 * drains the queues; it never interrupts stage code in the middle of an item) and Java cannot kill it, so it stays
 * blocked in the user's code after the context is closed, together with the run's supervisor thread; the run stays
 * active and its worker JVMs are gone already (they are killed as soon as the run is cancelled). When the stuck code
 * returns, the run ends {@code CANCELLED}, the conservation invariant holds, and its threads end.
 */
@Timeout(180)
@ExtendWith(OutputCaptureExtension.class)
class ShutdownMidRunTests {
    private static final Duration PHASE_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration SHORT_PHASE_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final Duration CLEANUP = Duration.ofSeconds(20);

    private Set<Thread> baseline;
    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    private final List<StuckPipeline> stuckPipelines = new ArrayList<>();

    @BeforeEach
    void recordThreads() {
        assertThat(ProcessHandle.current().children()).as("child processes before the test").isEmpty();
        baseline = MinigunThreads.live();
    }

    @AfterEach
    void closeAndReleaseWhatIsLeft() {
        contexts.forEach(ConfigurableApplicationContext::close);
        stuckPipelines.forEach(pipeline -> pipeline.release.countDown());
    }

    @Test
    void closingMidRunCancelsAThreadAndProcessRunWithinThePhaseTimeoutAndLeavesNothingBehind() {
        closeMidRunAndCheck(ContextType.THREAD);
    }

    @Test
    @EnabledForJreRange(min = JRE.JAVA_21)
    void closingMidRunCancelsAThreadVirtualAndProcessRunWithinThePhaseTimeoutAndLeavesNothingBehind() {
        closeMidRunAndCheck(ContextType.VIRTUAL);
    }

    @Test
    void aStageStuckInUserCodeIgnoringInterruptsDoesNotHoldCloseBeyondThePhaseTimeout(CapturedOutput output) {
        ConfigurableApplicationContext context = start(SHORT_PHASE_TIMEOUT);
        StuckPipeline pipeline = context.getBean(StuckPipeline.class);
        stuckPipelines.add(pipeline);
        PipelineRun run = context.getBean(PipelineExecutor.class).start("stuck");
        await("a stage stuck in user code, with the worker JVMs up").atMost(STARTUP).untilAsserted(() -> {
            assertThat(pipeline.stuck.get()).isNotNull();
            assertThat(run.stats().stage("isolate").succeeded()).isPositive();
            assertThat(ProcessHandle.current().children()).hasSize(2);
        });
        List<ProcessHandle> workers = descendants();

        Duration took = close(context);

        // then the rest of the context closes (worker JVMs killed and reaped): seconds on a busy machine, where waiting
        // for the stuck stage would be for ever
        assertThat(took).as("close() waited for the phase timeout, and did not wait for the stuck stage")
                .isGreaterThanOrEqualTo(SHORT_PHASE_TIMEOUT)
                .isLessThan(SHORT_PHASE_TIMEOUT.plusSeconds(30));
        assertThat(run.isDone()).as("the run waits for its stuck stage").isFalse();
        Thread stuck = pipeline.stuck.get();
        assertThat(stuck.isAlive()).as("the stuck thread outlives the context").isTrue();
        assertThat(stuck.getState()).isEqualTo(Thread.State.WAITING);
        assertThat(pipeline.interrupts).as("Minigun never interrupts stage code").hasValue(0);
        assertThat(output).as("the warning names the run and the stuck stage")
                .contains("Minigun run(s) still active " + SHORT_PHASE_TIMEOUT.toMillis()
                        + " ms after cancellation, left running: " + run + ", stage(s) ")
                .contains("stuck/hold (1 busy)");
        awaitNoWorkerLeft(workers);

        pipeline.release.countDown();

        RunResult result = awaitResult(run);
        assertCancelledWithEveryItemAccountedFor(result);
        MinigunThreads.awaitBackTo(baseline);
        assertThat(stuck.isAlive()).isFalse();
    }

    /**
     * Starts a long run of "flow" with its {@code enrich} stage on {@code enrich} threads, waits until items flow
     * through every stage, closes the application.
     */
    private void closeMidRunAndCheck(ContextType enrich) {
        ConfigurableApplicationContext context = start(PHASE_TIMEOUT,
                "minigun.pipelines.flow.stages.enrich.concurrency=" + enrich);
        FlowPipeline pipeline = context.getBean(FlowPipeline.class);
        PipelineExecutor executor = context.getBean(PipelineExecutor.class);
        assertThat(executor.plan("flow").contextType("enrich")).isEqualTo(enrich);
        assertThat(executor.plan("flow").contextType("isolate")).isEqualTo(ContextType.PROCESS);
        PipelineRun run = executor.start("flow");
        await("items through every stage, with the worker JVMs up").atMost(STARTUP).untilAsserted(() -> {
            assertThat(run.stats().stages()).allSatisfy(stage ->
                    assertThat(stage.produced() + stage.succeeded()).as(stage.line()).isPositive());
            assertThat(run.stats().stage("sink").succeeded()).isGreaterThanOrEqualTo(100);
            assertThat(ProcessHandle.current().children()).hasSize(2);
        });
        assertThat(pipeline.threads.any()).isTrue();
        List<ProcessHandle> workers = descendants();

        Duration took = close(context);

        assertThat(took).as("close() returns within the shutdown phase timeout").isLessThan(PHASE_TIMEOUT);
        assertThat(run.isDone()).as("the run has ended when close() returns").isTrue();
        assertCancelledWithEveryItemAccountedFor(run.result().orElseThrow());
        MinigunThreads.awaitBackTo(baseline);
        await("no stage thread (virtual ones included) left").atMost(CLEANUP)
                .untilAsserted(() -> assertThat(pipeline.threads.alive()).isEmpty());
        awaitNoWorkerLeft(workers);
    }

    private ConfigurableApplicationContext start(Duration phaseTimeout, String... properties) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ShutdownApplication.class)
                .web(WebApplicationType.NONE)
                .registerShutdownHook(false)
                .properties("spring.lifecycle.timeout-per-shutdown-phase=" + phaseTimeout.toMillis() + "ms",
                        "minigun.progress.interval=0")
                .properties(properties)
                .run();
        contexts.add(context);
        return context;
    }

    private static Duration close(ConfigurableApplicationContext context) {
        long start = System.nanoTime();
        context.close();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.println("ShutdownMidRunTests: close() took " + took.toMillis() + " ms");
        return took;
    }

    private static void assertCancelledWithEveryItemAccountedFor(RunResult result) {
        assertThat(result.status()).isEqualTo(RunStatus.CANCELLED);
        Conservation.assertHolds(result);
        assertThat(result.stats().stages().stream().mapToLong(StageStats::cancelled).sum())
                .as("items drained as cancelled").isPositive();
    }

    private static RunResult awaitResult(PipelineRun run) {
        await("the run ends").atMost(CLEANUP).until(run::isDone);
        return run.result().orElseThrow();
    }

    /** This JVM's descendants: the worker JVMs, and anything they started. */
    private static List<ProcessHandle> descendants() {
        try (Stream<ProcessHandle> all = ProcessHandle.current().descendants()) {
            return all.toList();
        }
    }

    private static void awaitNoWorkerLeft(List<ProcessHandle> workers) {
        assertThat(workers).as("worker JVMs seen during the run").hasSizeGreaterThanOrEqualTo(2);
        await("no worker JVM left").atMost(CLEANUP).untilAsserted(() -> {
            assertThat(workers).noneMatch(ProcessHandle::isAlive);
            assertThat(descendants()).isEmpty();
        });
    }
}
