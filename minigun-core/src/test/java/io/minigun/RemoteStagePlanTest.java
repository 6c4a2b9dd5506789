package io.minigun;

import io.minigun.execution.ExecutionPlan;
import io.minigun.execution.PlannedStage;
import io.minigun.execution.Plans;
import io.minigun.internal.plan.Placement;
import io.minigun.internal.plan.StagePlan;
import io.minigun.remote.RemoteChannel;
import io.minigun.remote.RemoteRun;
import io.minigun.remote.RemoteTransport;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Issue 15, planning of a remote stage ({@code StageSpec.transport}): the definition errors, {@link Placement#REMOTE}
 * in the plan and
 * its public view. Runs of remote stages: {@link RemoteStageRunTest}.
 */
@Timeout(30)
class RemoteStagePlanTest {

    /** A transport that must never be opened: these tests only plan. */
    private static final class PlanOnlyTransport implements RemoteTransport {
        final AtomicInteger opened = new AtomicInteger();

        @Override
        public String name() {
            return "kafka";
        }

        @Override
        public RemoteChannel open(RemoteRun run) {
            opened.incrementAndGet();
            throw new AssertionError("planning must not open a transport");
        }
    }

    private final PlanOnlyTransport kafka = new PlanOnlyTransport();

    private static PipelineBuilder gen(String name) {
        return Minigun.pipeline(name).producer("gen", out -> out.emit(1));
    }

    private static String definitionError(PipelineBuilder builder) {
        Throwable thrown = catchThrowable(builder::build);
        assertThat(thrown).as("build() must reject this definition").isInstanceOf(PipelineDefinitionException.class);
        return thrown.getMessage();
    }

    private static StagePlan enginePlan(ExecutionPlan plan, String stage) {
        return Plans.of(plan).stages().stream().filter(s -> s.name().equals(stage)).findFirst().orElseThrow();
    }

    // ---- plan ----------------------------------------------------------------------------------------------------

    @Nested
    class Planning {
        @Test
        void aRemoteProcessorHasAQueueIsNotFusedAndNotSingleThreaded() {
            ExecutionPlan plan = gen("rp")
                    .processor("enrich", (Integer n) -> n, s -> s.transport(kafka))
                    .consumer("save", (Integer n) -> { })
                    .build().plan();
            PlannedStage enrich = plan.stage("enrich");
            assertThat(enrich.placement()).isEqualTo("remote");
            assertThat(enrich.transport()).isEqualTo("kafka");
            assertThat(enrich.queueCapacity()).as("the default queue size").isEqualTo(1000);
            assertThat(enrich.workers()).isEqualTo(1);
            assertThat(plan.isColocated("enrich")).isFalse();
            assertThat(plan.colocatedWith("enrich")).isEmpty();

            StagePlan engine = enginePlan(plan, "enrich");
            assertThat(engine.placement()).isEqualTo(Placement.REMOTE);
            assertThat(engine.transport()).isSameAs(kafka);
            assertThat(engine.hasQueue()).isTrue();
            assertThat(engine.isDirect()).isFalse();
            assertThat(engine.isSingleThreaded()).isFalse();
            assertThat(engine.hostId()).isEqualTo(engine.nodeId());
            assertThat(engine.colocatedWith()).isEqualTo(-1);
            assertThat(engine.recipe()).as("no worker JVM recipe").isNull();

            assertThat(plan.describe()).contains("remote").contains("transport=kafka");
            assertThat(kafka.opened).as("planning opens nothing").hasValue(0);
        }

        @Test
        void theStageAfterARemoteStageIsNotFusedOntoIt() {
            ExecutionPlan plan = gen("after")
                    .processor("enrich", (Integer n) -> n, s -> s.transport(kafka))
                    .processor("next", (Integer n) -> n)
                    .consumer("save", (Integer n) -> { })
                    .build().plan();
            assertThat(plan.isColocated("next")).isFalse();
            assertThat(plan.stage("next").placement()).isEqualTo("workers");
            assertThat(plan.queueCapacity("next")).isEqualTo(1000);
            assertThat(plan.stage("next").transport()).isNull();
            assertThat(plan.isColocated("save")).as("a local stage after it fuses as usual").isTrue();
            assertThat(plan.colocatedWith("save")).contains("next");
        }

        @Test
        void aRemoteConsumerWithTheQueueOptionsOfOtherStages() {
            ExecutionPlan plan = gen("rc")
                    .queueSize(50)
                    .processor("a", (Integer n) -> n, s -> s.transport(kafka).queueSize(7))
                    .processor("b", (Integer n) -> n, s -> s.transport(kafka).unbounded())
                    .consumer("save", (Integer n) -> { }, s -> s.transport(kafka).affinity(Affinity.INDEPENDENT))
                    .build().plan();
            assertThat(plan.queueCapacity("a")).isEqualTo(7);
            assertThat(plan.queueCapacity("b")).isEqualTo(Integer.MAX_VALUE);
            assertThat(plan.queueCapacity("save")).as("the pipeline's queue size").isEqualTo(50);
            assertThat(plan.stage("save").placement()).isEqualTo("remote");
            assertThat(plan.stage("save").kind()).isEqualTo("consumer");
        }

        @Test
        void retriesBackoffAndErrorPolicyAreKept() {
            ExecutionPlan plan = gen("rr")
                    .processor("enrich", (Integer n) -> n,
                            s -> s.transport(kafka).retries(3).backoff(Duration.ofMillis(20)))
                    .consumer("save", (Integer n) -> { })
                    .build().plan();
            assertThat(plan.stage("enrich").retries()).isEqualTo(3);
            assertThat(plan.stage("enrich").backoff()).isEqualTo(Duration.ofMillis(20));
        }

        @Test
        void configureCanMakeADeclaredStageRemote() {
            ExecutionPlan plan = gen("cfg")
                    .processor("enrich", (Integer n) -> n)
                    .consumer("save", (Integer n) -> { })
                    .configure("enrich", s -> s.transport(kafka))
                    .build().plan();
            assertThat(plan.stage("enrich").placement()).isEqualTo("remote");
            assertThat(plan.stage("enrich").transport()).isEqualTo("kafka");
        }

        /** As for PROCESS stages: forceInline runs everything on the caller's thread, a remote stage too. */
        @Test
        void forceInlineRunsARemoteStageOnTheCallersThread() {
            AtomicInteger saved = new AtomicInteger();
            Pipeline pipeline = gen("forced")
                    .concurrency(c -> c.forceInline(true))
                    .processor("enrich", (Integer n) -> n + 1, s -> s.transport(kafka))
                    .consumer("save", (Integer n) -> saved.addAndGet(n))
                    .build();
            assertThat(pipeline.plan().stage("enrich").placement()).isEqualTo("caller");
            assertThat(pipeline.plan().stage("enrich").transport()).isNull();
            pipeline.run();
            assertThat(saved).hasValue(2);
            assertThat(kafka.opened).hasValue(0);
        }

        @Test
        void aLocalStageHasNoTransport() {
            ExecutionPlan plan = gen("local")
                    .consumer("save", (Integer n) -> { })
                    .build().plan();
            assertThat(plan.stages()).extracting(PlannedStage::transport).containsOnlyNulls();
        }
    }

    // ---- definition errors ---------------------------------------------------------------------------------------

    @Nested
    class DefinitionErrors {
        @Test
        void aRemoteProducer() {
            String m = definitionError(Minigun.pipeline("rprod")
                    .producer("gen", out -> out.emit(1), s -> s.transport(kafka))
                    .consumer("save", (Integer n) -> { }));
            assertThat(m).isEqualTo("Pipeline 'rprod', producer 'gen' sets a transport 'kafka', but only processors "
                    + "and consumers may run remotely; a producer runs in this JVM: drop the transport, or move the "
                    + "work into a processor");
        }

        @Test
        void aRemoteAccumulator() {
            String m = definitionError(gen("racc")
                    .accumulator("batch", s -> s.maxSize(5).transport(kafka))
                    .consumer("save", (List<Integer> n) -> { }));
            assertThat(m).isEqualTo("Pipeline 'racc', accumulator 'batch' sets a transport 'kafka', but only "
                    + "processors and consumers may run remotely; an accumulator runs in this JVM: drop the transport, "
                    + "or move the work into a processor");
        }

        @Test
        void aRemoteLoopStage() {
            String m = definitionError(gen("rloop")
                    .stage("loop", (Input<Integer> in, Output<Integer> out) -> { }, s -> s.transport(kafka))
                    .consumer("save", (Integer n) -> { }));
            assertThat(m).contains("Pipeline 'rloop', stage 'loop' sets a transport 'kafka', but only processors and "
                    + "consumers may run remotely");
        }

        @Test
        void aRemoteNestedPipeline() {
            String m = definitionError(gen("rnest")
                    .pipeline("inner", n -> n.consumer("save", (Integer i) -> { }), s -> s.transport(kafka)));
            assertThat(m).contains("Pipeline 'rnest', pipeline 'inner' sets a transport 'kafka', but only processors "
                    + "and consumers may run remotely");
        }

        @Test
        void remoteAndProcess() {
            String m = definitionError(gen("rproc")
                    .processor("enrich", (Integer n) -> n, s -> s.transport(kafka).concurrency(ContextType.PROCESS))
                    .consumer("save", (Integer n) -> { }));
            assertThat(m).isEqualTo("Pipeline 'rproc', processor 'enrich' runs remotely through transport 'kafka' but "
                    + "also sets concurrency(PROCESS), which choose where it runs in this JVM; keep the transport or "
                    + "drop it");
        }

        @Test
        void remoteAndThreadsPoolSizeAndContextAreAllNamed() {
            String m = definitionError(gen("rall")
                    .context("io", ContextType.THREAD, 2)
                    .consumer("save", (Integer n) -> { },
                            s -> s.transport(kafka).threads(4).poolSize(4).context("io")));
            assertThat(m).isEqualTo("Pipeline 'rall', consumer 'save' runs remotely through transport 'kafka' but "
                    + "also sets threads(4), poolSize(4), context('io'), which choose where it runs in this JVM; "
                    + "keep the transport or drop it");
        }
    }
}
