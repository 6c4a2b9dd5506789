package io.minigun.examples.routing;

import io.minigun.examples.Examples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
class RoutingExamplesTest {

    @Test
    void diamondRunsBothBranchesAndMergesTenItems() {
        Diamond.Outcome o = Diamond.run();
        assertThat(o.pathA()).containsExactly(2, 4, 6, 8, 10);
        assertThat(o.pathB()).containsExactly(3, 6, 9, 12, 15);
        assertThat(Examples.sorted(o.merged())).containsExactly(2, 3, 4, 6, 6, 8, 9, 10, 12, 15);
    }

    @Test
    void fanOutSendsEveryUserToEverySender() {
        FanOut.Outcome o = FanOut.run();
        assertThat(o.emails()).hasSize(8);
        assertThat(o.sms()).hasSize(8);
        assertThat(o.pushes()).hasSize(8);
        assertThat(o.emails().get(0)).isEqualTo("Email to alice@example.com: Hello Alice!");
        assertThat(o.sms().get(0)).isEqualTo("SMS to 555-0100: Hi Alice");
        assertThat(o.pushes().get(7)).isEqualTo("Push to user 8: news for Heidi");
    }

    @Test
    void complexRoutingFansOutAtTwoLevels() {
        ComplexRouting.Outcome o = ComplexRouting.run();
        assertThat(o.logged()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(o.validated()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(o.archived()).containsExactly(2, 4, 6, 8, 10);
        assertThat(o.transformed()).containsExactly(20, 40, 60, 80, 100);
        assertThat(o.stored()).containsExactly(20, 40, 60, 80, 100);
    }

    @Test
    void mixedRoutingCombinesExplicitAndAutomaticEdges() {
        MixedRouting.Outcome o = MixedRouting.run();
        assertThat(o.fromA()).containsExactly(0, 1, 2);
        assertThat(o.fromB()).containsExactly(0, 1, 2);
        assertThat(o.results()).containsExactly(0, 1, 10, 20, 101, 201);
    }

    @Test
    void broadcastGivesEachBranchEveryItem() {
        assertThat(BroadcastFanOut.run()).isEqualTo(Map.of(
                "analyze", List.of("analyze:1", "analyze:2", "analyze:3"),
                "transform", List.of("transform:1", "transform:2", "transform:3"),
                "validate", List.of("validate:1", "validate:2", "validate:3")));
    }

    @Test
    void roundRobinDealsTenItemsFourThreeThree() {
        assertThat(RoundRobin.run()).isEqualTo(Map.of(
                "worker_1", List.of(1, 4, 7, 10),
                "worker_2", List.of(2, 5, 8),
                "worker_3", List.of(3, 6, 9)));
    }

    @Test
    void loadBalancerSpreadsFifteenRequestsOverThreeServers() {
        assertThat(LoadBalancer.run()).isEqualTo(Map.of(
                "server_0", List.of(3, 6, 9, 12, 15),
                "server_1", List.of(1, 4, 7, 10, 13),
                "server_2", List.of(2, 5, 8, 11, 14)));
    }

    @Test
    void priorityRoutingSendsEachTaskDownOnePath() {
        assertThat(PriorityRouting.run()).isEqualTo(Map.of(
                "critical_path", List.of(4, 7),
                "high_priority_path", List.of(1, 5, 8),
                "normal_path", List.of(2, 3, 6, 9, 10)));
    }

    @Test
    void messageRouterClassifiesBatchesAndCounts() {
        MessageRouter.Outcome o = MessageRouter.run();
        assertThat(o.counts()).isEqualTo(Map.of("alert", 6, "event", 6, "order", 6, "payment", 7));
        assertThat(o.batchSizes()).containsExactly(5, 5, 5, 5, 5);
    }

    @Test
    void annotatedRouterSendsEvensAndOddsToAwaitStages() {
        ClassBasedRouting.Outcome o = ClassBasedRouting.run();
        assertThat(o.even()).containsExactly(0, 4, 8, 12, 16);
        assertThat(o.odd()).containsExactly(3, 9, 15, 21, 27);
    }
}
