package io.minigun.spring.boot.discovery;

import io.minigun.RunResult;
import io.minigun.RunStatus;
import io.minigun.execution.PipelineExecutor;
import io.minigun.spring.boot.discovery.app.OrdersPipeline;
import org.springframework.beans.factory.BeanFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the discovered "orders" pipeline by name and checks its exact result. */
final class OrdersRun {

    private OrdersRun() {
    }

    /** SKUs 1..4 priced by the injected inventory (100 cents each) and discounted by the stage class (10 cents). */
    static void runsExactly(BeanFactory beans) {
        RunResult result = beans.getBean(PipelineExecutor.class).run("orders");

        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(result.produced()).isEqualTo(4);
        assertThat(result.consumed()).isEqualTo(4);
        assertThat(result.failed()).isZero();
        assertThat(beans.getBean(OrdersPipeline.class).collected()).containsExactlyInAnyOrder(90L, 190L, 290L, 390L);
    }
}
