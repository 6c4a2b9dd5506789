package io.minigun.sample;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The sample's own settings ({@code sample.*}). Concurrency is not here: it is Minigun's, under {@code minigun.*}.
 *
 * @param orders        number of order records in the generated data set
 * @param dataDir       directory the data set is written to (relative paths resolve against the working directory)
 * @param lookupLatency simulated latency of one catalog lookup in the enrich stage
 * @param runOnStartup  whether to run the import job (data set, import, customer totals) once at startup
 * @param exit          whether to exit once the startup job is done (status 0 when the import completed) instead
 *                      of staying up for the actuator
 */
@ConfigurationProperties("sample")
public record SampleProperties(@DefaultValue("200000") int orders,
                               @DefaultValue("target/sample-data") Path dataDir,
                               @DefaultValue("1ms") Duration lookupLatency,
                               @DefaultValue("true") boolean runOnStartup,
                               @DefaultValue("false") boolean exit) {

    public SampleProperties {
        if (orders < 1) {
            throw new IllegalArgumentException("sample.orders must be at least 1, was " + orders);
        }
        if (lookupLatency.isNegative()) {
            throw new IllegalArgumentException("sample.lookup-latency must not be negative, was " + lookupLatency);
        }
    }
}
