package io.minigun.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Minigun sample: an order import built with the Spring Boot starter.
 *
 * <p>Three pipelines, one per level of the API, are classes annotated {@code @MinigunPipeline} in this package
 * and below, which the starter finds and makes beans with no other annotation:
 * <ol>
 *   <li>{@link io.minigun.sample.dataset.OrderDataSetPipeline} ({@code orderDataSet}): simple, no configuration at
 *       all; writes the generated CSV data set;</li>
 *   <li>{@link io.minigun.sample.orders.OrderImportPipeline} ({@code orderImport}): configured from
 *       {@code application.yml}; parses in worker JVMs, enriches on virtual threads, validates, batches and inserts
 *       with JDBC batch inserts, sending invalid records to a dead-letter table;</li>
 *   <li>{@link io.minigun.sample.customers.CustomerTotalsPipeline} ({@code customerTotals}): expert; a named
 *       context for its database queries and a stage that declares {@code Affinity.INDEPENDENT}.</li>
 * </ol>
 * {@link ImportJob} runs them once at startup; the actuator endpoint {@code /actuator/minigun} runs them again.
 * With {@code sample.exit=true} the application exits once that job is done, with status 0 when the import
 * completed.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SampleApplication {

    public static void main(String[] args) {
        ConfigurableApplicationContext context = SpringApplication.run(SampleApplication.class, args);
        if (context.getEnvironment().getProperty("sample.exit", Boolean.class, false)) {
            System.exit(SpringApplication.exit(context));
        }
    }
}
