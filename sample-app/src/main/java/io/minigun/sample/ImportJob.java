package io.minigun.sample;

import io.minigun.RunResult;
import io.minigun.RunStatus;
import io.minigun.execution.PipelineExecutor;
import io.minigun.sample.dataset.OrderDataSet;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The job the sample runs once at startup ({@code sample.run-on-startup}, default true), in order: the data set
 * (level 1, only when the file does not exist yet), the import (level 2), the customer totals (level 3). Each run's
 * summary and the row counts are logged by {@link ImportReport}. The application then stays up, so the actuator
 * endpoint can run any of them again. Not in the worker JVMs of PROCESS stages: they start this same application,
 * but only to take a stage from it. As an {@link ExitCodeGenerator} it gives the status to exit with when
 * {@code sample.exit} is set: 0 when the import completed, 1 otherwise.
 */
@Component
@ConditionalOnBooleanProperty(name = "sample.run-on-startup", matchIfMissing = true)
// PROCESS workers start this same application (with -Dminigun.worker=true) only to take their stage from it
@ConditionalOnBooleanProperty(name = "minigun.worker", havingValue = false, matchIfMissing = true)
public class ImportJob implements ApplicationRunner, ExitCodeGenerator {
    private static final Log log = LogFactory.getLog(ImportJob.class);

    private final PipelineExecutor executor;
    private final OrderDataSet dataSet;
    private final Environment environment;
    private volatile RunStatus importStatus;

    public ImportJob(PipelineExecutor executor, OrderDataSet dataSet, Environment environment) {
        this.executor = executor;
        this.dataSet = dataSet;
        this.environment = environment;
    }

    @Override
    public void run(ApplicationArguments args) {
        log.info("Execution plan of the import:" + System.lineSeparator() + executor.plan("orderImport").describe());
        if (dataSet.exists()) {
            log.info(String.format("Data set %s exists (%,d orders); delete it to generate it again",
                    dataSet.path(), dataSet.orders()));
        } else {
            log.info(String.format("Generating the data set: %,d orders", dataSet.orders()));
            executor.run("orderDataSet").throwIfFailed();
        }
        RunResult imported = executor.run("orderImport");
        importStatus = imported.status();
        executor.run("customerTotals");
        if (environment.getProperty("sample.exit", Boolean.class, false)) {
            log.info(String.format("Import done: %,d orders read, %s. Exiting (sample.exit=true)",
                    imported.produced(), imported.status()));
            return;
        }
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        log.info(String.format("Import done: %,d orders read, %s. Run it again with: curl -X POST "
                + "localhost:%s/actuator/minigun/orderImport (Ctrl+C stops the application)",
                imported.produced(), imported.status(), port));
    }

    @Override
    public int getExitCode() {
        return importStatus == RunStatus.COMPLETED ? 0 : 1;
    }
}
