package io.minigun.examples.reroute;

import io.minigun.ContextType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class RerouteExamplesTest {

    @ParameterizedTest
    @EnumSource(value = ContextType.class, names = {"AUTO", "PROCESS"})
    void rerouteSkipsOrInsertsAStage(ContextType context) {
        assertThat(RerouteStage.run(context, RerouteStage.BASE)).containsExactly(2, 4, 6, 8, 10);
        assertThat(RerouteStage.run(context, RerouteStage.SKIP_DOUBLE)).containsExactly(1, 2, 3, 4, 5);
        assertThat(RerouteStage.run(context, RerouteStage.insertTriple(context))).containsExactly(6, 12, 18, 24, 30);
    }

    @Test
    void complexRerouteAroundAMerger() {
        assertThat(ComplexReroute.run(ComplexReroute.BASE)).isEqualTo(Map.of(
                "merger", List.of(1, 2, 3, 4, 5, 6), "a_only", List.of(1, 2, 3)));
        assertThat(ComplexReroute.run(ComplexReroute.A_TO_A_ONLY)).isEqualTo(Map.of(
                "merger", List.of(4, 5, 6), "a_only", List.of(1, 2, 3)));
        assertThat(ComplexReroute.run(ComplexReroute.BOTH_TO_COLLECT)).isEqualTo(Map.of(
                "raw", List.of(1, 2, 3, 4, 5, 6)));
    }

    @Test
    void rerouteAcrossThreadAndProcessStages() {
        assertThat(ProcessRerouteChain.run(ProcessRerouteChain.BASE)).containsExactly(22, 24, 26, 28, 30, 32);
        assertThat(ProcessRerouteChain.run(ProcessRerouteChain.REVERSED)).containsExactly(2, 4, 6, 8, 10, 12);
    }

    @Test
    void reroutesIntoOutOfAndBetweenStagesInWorkerJvms() {
        RerouteIntoProcessStages.Outcome base = RerouteIntoProcessStages.run(RerouteIntoProcessStages.BASE);
        assertThat(base.collected()).isEqualTo(Map.of("collect_b", List.of(20, 40, 60)));
        assertThat(base.collectorPids()).doesNotContain(ProcessHandle.current().pid());
        assertThat(RerouteIntoProcessStages.run(RerouteIntoProcessStages.DIRECT).collected())
                .isEqualTo(Map.of("collect_b", List.of(10, 20, 30, 40, 50, 60)));
        assertThat(RerouteIntoProcessStages.run(RerouteIntoProcessStages.TO_COLLECT_A).collected())
                .isEqualTo(Map.of("collect_a", List.of(20, 40, 60)));
        assertThat(RerouteIntoProcessStages.run(RerouteIntoProcessStages.COMPLEX).collected())
                .isEqualTo(Map.of("collect_b", List.of(110, 120, 130, 140, 150, 160)));
    }
}
