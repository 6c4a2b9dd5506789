package io.minigun.sample;

import io.minigun.RunResult;
import io.minigun.RunStatus;
import io.minigun.execution.ExecutionPlan;
import io.minigun.execution.PipelineExecutor;
import io.minigun.execution.RunListener;
import io.minigun.sample.customers.CustomerRepository;
import io.minigun.sample.orders.OrderRepository;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * Logs the summary of every run of the sample's pipelines (per-stage counts, throughput, bottleneck) and, after
 * an import or a customer-totals run, the database row counts. It listens to the executor, so runs started over
 * the actuator endpoint are reported too. Runs before anyone waiting for the run is released.
 */
@Component
public class ImportReport implements RunListener {
    private static final Log log = LogFactory.getLog(ImportReport.class);

    private final OrderRepository orders;
    private final CustomerRepository customers;

    public ImportReport(PipelineExecutor executor, OrderRepository orders, CustomerRepository customers) {
        this.orders = orders;
        this.customers = customers;
        executor.addListener(this);
    }

    @Override
    public void runFinished(RunResult result, ExecutionPlan plan) {
        StringBuilder text = new StringBuilder(result.describe()).append(System.lineSeparator())
                .append(result.stats().summary());
        switch (result.pipeline()) {
            case "orderImport" -> text.append(orderCounts());
            case "customerTotals" -> text.append(customerCounts());
            default -> {
            }
        }
        if (result.status() == RunStatus.COMPLETED) {
            log.info(text.toString().stripTrailing());
        } else {
            log.warn(text.toString().stripTrailing());
        }
    }

    private String orderCounts() {
        StringBuilder text = new StringBuilder(String.format("Database: %,d rows in orders, %,d rows in dead_letters",
                orders.countOrders(), orders.countDeadLetters()));
        for (Map.Entry<?, Long> entry : orders.deadLettersByReason().entrySet()) {
            text.append(String.format("%n  dead_letters %-22s %,7d", entry.getKey(), entry.getValue()));
        }
        return text.toString();
    }

    private String customerCounts() {
        return String.format("Database: %,d rows in customer_totals %s", customers.count(), customers.countByTier());
    }
}
