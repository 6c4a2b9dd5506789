package io.minigun.sample;

import com.jayway.jsonpath.JsonPath;
import io.micrometer.core.instrument.MeterRegistry;
import io.minigun.ContextType;
import io.minigun.execution.PipelineExecutor;
import io.minigun.sample.dataset.OrderDataSet;
import io.minigun.sample.dataset.OrderDataSet.Defect;
import io.minigun.sample.orders.RejectReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample end to end, on 2,000 records: the import job runs at startup (data set, import with PROCESS parse
 * workers, customer totals), then the tests check the database, the meters, and a second import started over HTTP
 * through the actuator endpoint.
 */
@Timeout(120)
@ExtendWith(OutputCaptureExtension.class)
@AutoConfigureRestTestClient
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sample.orders=2000", "sample.lookup-latency=1ms", "minigun.progress.interval=0"})
class OrderImportApplicationTests {
    private static final int ORDERS = 2_000;
    private static final long INVALID = ORDERS / 50;
    private static final long VALID = ORDERS - INVALID;
    /** Records that parse rejects (missing field, quantity not a number, invalid date). */
    private static final long PARSE_REJECTED = 24;

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("sample.data-dir", () -> dataDir.toString());
    }

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private PipelineExecutor executor;

    @Autowired
    private MeterRegistry registry;

    @Autowired
    private OrderDataSet dataSet;

    @Autowired
    private RestTestClient http;

    @Test
    void theStartupJobWroteTheDataSetAndImportedExactlyTheValidRecords(CapturedOutput output) throws Exception {
        assertThat(INVALID).isEqualTo(OrderDataSet.expectedInvalid(ORDERS));
        assertThat(dataSet.path()).startsWith(dataDir);
        List<String> lines = Files.readAllLines(dataSet.path());
        assertThat(lines).hasSize(ORDERS + 1).first().isEqualTo(OrderDataSet.HEADER);

        assertImported();
        assertThat(count("SELECT COUNT(*) FROM customer_totals")).isPositive();
        assertThat(output).contains("Wrote the data set: 2,000 orders")
                .contains("Pipeline 'orderImport': 2000 produced")
                .contains("Database: 1,960 rows in orders, 40 rows in dead_letters")
                .contains("Run it again with: curl -X POST localhost:");
    }

    @Test
    void everyDeadLetterNamesItsLineStageAndReason() {
        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT line_number, stage, reason_code, reason, raw_line FROM dead_letters ORDER BY line_number");
        assertThat(rows).hasSize((int) INVALID);
        for (Map<String, Object> row : rows) {
            long line = ((Number) row.get("LINE_NUMBER")).longValue();
            Defect defect = OrderDataSet.defectOf(line);
            assertThat(defect).as("line %d", line).isNotNull();
            assertThat(row.get("RAW_LINE")).isEqualTo(OrderDataSet.line(line));
            assertThat((String) row.get("REASON")).isNotBlank();
            RejectReason reason = RejectReason.valueOf((String) row.get("REASON_CODE"));
            assertThat(reason).as("line %d", line).isEqualTo(expectedReason(defect));
            assertThat(row.get("STAGE")).isEqualTo(parseRejects(defect) ? "parse" : "validate");
        }
        assertThat(rows).filteredOn(row -> "parse".equals(row.get("STAGE"))).hasSize((int) PARSE_REJECTED);
    }

    @Test
    void publishesPerStageMetersWithTheirTags() {
        // the test may run before or after the second import: count the completed runs
        double runs = registry.get("minigun.pipeline.runs").tags("pipeline", "orderImport", "status", "completed")
                .functionTimer().count();
        assertThat(runs).isGreaterThanOrEqualTo(1);
        assertThat(items("parse", "success")).isEqualTo(ORDERS * runs);
        assertThat(items("enrich", "success")).isEqualTo((ORDERS - PARSE_REJECTED) * runs);
        assertThat(items("validate", "success")).isEqualTo((ORDERS - PARSE_REJECTED) * runs);
        assertThat(items("deadLetters", "success")).isEqualTo(INVALID * runs);
        assertThat(items("insert", "success")).isEqualTo(Math.ceil(VALID / 500.0) * runs);
        for (String stage : List.of("read", "parse", "enrich", "validate", "batch", "insert", "deadLetters",
                "saveDeadLetters")) {
            assertThat(items(stage, "failure")).as(stage).isZero();
        }
        assertThat(registry.get("minigun.stage.duration")
                .tags("pipeline", "orderImport", "stage", "enrich", "outcome", "success").functionTimer().count())
                .isEqualTo((ORDERS - PARSE_REJECTED) * runs);
        assertThat(registry.get("minigun.stage.workers.active").tags("pipeline", "orderImport", "stage", "enrich")
                .gauge()).isNotNull();
        assertThat(registry.get("minigun.stage.items")
                .tags("pipeline", "customerTotals", "stage", "save", "outcome", "success").functionCounter()
                .count()).isPositive();
    }

    @Test
    void theExecutionPlansFollowApplicationYml() {
        // parse in two worker JVMs; enrich on virtual threads where the JDK has them, else on a thread pool
        assertThat(executor.plan("orderImport").contextType("parse")).isEqualTo(ContextType.PROCESS);
        assertThat(executor.plan("orderImport").workers("parse")).isEqualTo(2);
        assertThat(executor.plan("orderImport").contextType("enrich"))
                .isEqualTo(Runtime.version().feature() >= 21 ? ContextType.VIRTUAL : ContextType.THREAD);
        assertThat(executor.plan("orderImport").workers("enrich")).isEqualTo(64);
        assertThat(executor.plan("orderImport").workers("insert")).isEqualTo(2);
        // level 1: no configuration, so everything runs fused on the producer's thread
        assertThat(executor.plan("orderDataSet").isColocated("format")).isTrue();
        assertThat(executor.plan("orderDataSet").isColocated("write")).isTrue();
        // level 3: a named context, and a stage kept out of colocation
        assertThat(executor.plan("customerTotals").stage("total").contextName()).isEqualTo("database");
        assertThat(executor.plan("customerTotals").workers("total")).isEqualTo(4);
        assertThat(executor.plan("customerTotals").isColocated("batch")).isTrue();
        assertThat(executor.plan("customerTotals").isColocated("save")).isFalse();
    }

    @Test
    void theEndpointRunsTheImportAgainOverHttp(CapturedOutput output) {
        String pipelines = body(http.get().uri("/actuator/minigun").exchange());
        List<String> names = JsonPath.read(pipelines, "$.pipelines[*].name");
        assertThat(names).containsExactly("customerTotals", "orderDataSet", "orderImport");

        // the parse workers of an earlier import stay warm (minigun.process.keep-alive) and run this one too
        List<Long> warmWorkers = workerPids();
        assertThat(warmWorkers).hasSize(2);

        String started = body(http.post().uri("/actuator/minigun/orderImport").exchange());
        String runId = JsonPath.read(started, "$.runId");
        assertThat(runId).isNotBlank();

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            String pipeline = body(http.get().uri("/actuator/minigun/orderImport").exchange());
            assertThat((String) JsonPath.read(pipeline, "$.lastRun.id")).isEqualTo(runId);
            assertThat((String) JsonPath.read(pipeline, "$.lastRun.status")).isEqualTo("COMPLETED");
            assertThat(((Number) JsonPath.read(pipeline, "$.lastRun.produced")).longValue()).isEqualTo(ORDERS);
        });
        // each import replaces the previous one
        assertImported();
        assertThat(workerPids()).as("the same warm parse workers").isEqualTo(warmWorkers);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(output.getOut())
                .contains("Run " + runId + " of pipeline 'orderImport' COMPLETED"));

        String health = body(http.get().uri("/actuator/health").exchange());
        assertThat((String) JsonPath.read(health, "$.status")).isEqualTo("UP");
        String metric = body(http.get().uri("/actuator/metrics/minigun.stage.items?tag=pipeline:orderImport"
                + "&tag=stage:parse&tag=outcome:success").exchange());
        assertThat(((Number) JsonPath.read(metric, "$.measurements[0].value")).doubleValue())
                .isGreaterThanOrEqualTo(2.0 * ORDERS);
    }

    private static List<Long> workerPids() {
        return ProcessHandle.current().children().map(ProcessHandle::pid).sorted().toList();
    }

    private void assertImported() {
        assertThat(count("SELECT COUNT(*) FROM orders")).isEqualTo(VALID);
        assertThat(count("SELECT COUNT(*) FROM dead_letters")).isEqualTo(INVALID);
        assertThat(count("SELECT COUNT(DISTINCT order_id) FROM orders")).isEqualTo(VALID);
        assertThat(count("SELECT COUNT(*) FROM orders WHERE total_cents <> quantity * unit_price_cents")).isZero();
        for (Map.Entry<Defect, Long> expected : OrderDataSet.expectedDefects(ORDERS).entrySet()) {
            assertThat(count("SELECT COUNT(*) FROM dead_letters WHERE reason_code = '"
                    + expectedReason(expected.getKey()).name() + "'")).as(expected.getKey().name())
                    .isEqualTo(expected.getValue());
        }
    }

    private double items(String stage, String outcome) {
        return registry.get("minigun.stage.items")
                .tags("pipeline", "orderImport", "stage", stage, "outcome", outcome).functionCounter().count();
    }

    private long count(String sql) {
        Long count = jdbc.queryForObject(sql, Long.class);
        return count == null ? -1 : count;
    }

    private static String body(RestTestClient.ResponseSpec response) {
        return response.expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
    }

    private static boolean parseRejects(Defect defect) {
        return defect == Defect.MISSING_FIELD || defect == Defect.QUANTITY_NOT_A_NUMBER
                || defect == Defect.INVALID_DATE;
    }

    private static RejectReason expectedReason(Defect defect) {
        return switch (defect) {
            case MISSING_FIELD -> RejectReason.MALFORMED_LINE;
            case QUANTITY_NOT_A_NUMBER -> RejectReason.QUANTITY_NOT_A_NUMBER;
            case INVALID_DATE -> RejectReason.INVALID_DATE;
            case QUANTITY_OUT_OF_RANGE -> RejectReason.QUANTITY_OUT_OF_RANGE;
            case UNKNOWN_PRODUCT -> RejectReason.UNKNOWN_PRODUCT;
        };
    }
}
