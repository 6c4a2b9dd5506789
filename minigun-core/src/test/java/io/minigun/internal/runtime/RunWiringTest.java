package io.minigun.internal.runtime;

import io.minigun.execution.Plans;
import io.minigun.Affinity;
import io.minigun.ContextType;
import io.minigun.Minigun;
import io.minigun.Output;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** How a run's stages are connected, checked on a run that is wired but never started. */
class RunWiringTest {

    private static Run wired(io.minigun.PipelineBuilder builder) {
        return new Run(Plans.of(builder.build().plan()), Map.of());
    }

    private static StageRuntime stage(Run run, String name) {
        return Arrays.stream(run.stages()).filter(s -> s.name.equals(name)).findFirst().orElseThrow();
    }

    private static List<String> targetsOf(Run run, String name) {
        return Arrays.stream(stage(run, name).lanes[0].output.targets())
                .map(t -> t.getClass().getSimpleName() + ":" + t.stage.name).toList();
    }

    @Test
    void aFusedChainIsDirectCallsAndAStageWithItsOwnThreadsIsAQueue() {
        Run run = wired(Minigun.pipeline("wiring")
                .producer("numbers", (Output<Integer> o) -> o.emit(1))
                .processor("double", (Integer n) -> n * 2)
                .processor("slow", (Integer n) -> n, s -> s.threads(2))
                .consumer("sink", (Integer n) -> { }));

        assertThat(targetsOf(run, "numbers")).containsExactly("Direct:double");
        assertThat(targetsOf(run, "double")).containsExactly("Queued:slow");
        assertThat(targetsOf(run, "slow")).containsExactly("Queued:sink");
        assertThat(stage(run, "double").plan.hostId()).isEqualTo(stage(run, "numbers").node.id());
        assertThat(stage(run, "numbers").hosted).extracting(s -> s.name).containsExactly("double");
        assertThat(run.producers()).extracting(s -> s.name).containsExactly("numbers");
    }

    @Test
    void fanOutConnectsEveryDownstreamInDeclarationOrder() {
        Run run = wired(Minigun.pipeline("fan-out")
                .producer("numbers", (Output<Integer> o) -> o.emit(1), s -> s.to("a", "b"))
                .consumer("a", (Integer n) -> { }, s -> s.affinity(Affinity.INDEPENDENT))
                .consumer("b", (Integer n) -> { }, s -> s.affinity(Affinity.INDEPENDENT)));

        assertThat(targetsOf(run, "numbers")).containsExactly("Queued:a", "Queued:b");
        assertThat(stage(run, "numbers").downstream).extracting(s -> s.name).containsExactly("a", "b");
    }

    @Test
    void dynamicRoutingReachesAFusedStageThroughItsHostsInboxAndRefusesProducers() {
        Run run = wired(Minigun.pipeline("routing")
                .producer("numbers", (Output<Integer> o) -> o.emit(1))
                .processor("route", (Integer n, Output<Integer> o) -> o.to("audit").emit(n),
                        s -> s.concurrency(ContextType.THREAD).threads(2))
                .consumer("sink", (Integer n) -> { })
                .consumer("audit", (Integer n) -> { }, s -> s.await(true)));

        StageRuntime route = stage(run, "route");
        assertThat(run.dynamicTarget(route, "numbers")).isInstanceOf(Target.Refusing.class);
        Target audit = run.dynamicTarget(route, "audit");
        assertThat(audit.stage.name).isEqualTo("audit");
        assertThat(audit).isInstanceOfAny(Target.Queued.class, Target.Shared.class, Target.Hosted.class);
    }

    @Test
    void stageHooksAreResolvedByName() {
        Run run = wired(Minigun.pipeline("hooks")
                .producer("numbers", (Output<Integer> o) -> o.emit(1))
                .consumer("sink", (Integer n) -> { })
                .before("sink", () -> { })
                .after("sink", () -> { })
                .after("sink", () -> { }));

        assertThat(run.beforeHooks(stage(run, "sink"))).hasSize(1);
        assertThat(run.afterHooks(stage(run, "sink"))).hasSize(2);
        assertThat(run.beforeHooks(stage(run, "numbers"))).isEmpty();
    }
}
