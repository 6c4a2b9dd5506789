package io.minigun.examples.apps;

import io.minigun.ItemFailure;
import io.minigun.RunStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

@Timeout(60)
class EtlIntoDatabaseTest {

    private final String url = EtlIntoDatabase.newDatabaseUrl();

    @AfterEach
    void dropDatabase() throws SQLException {
        EtlIntoDatabase.dropDatabase(url);
    }

    @Test
    void loadsEveryGoodOrderAndKeepsEveryBadRow() throws SQLException {
        EtlIntoDatabase.Outcome o = EtlIntoDatabase.run(url);

        assertThat(query("SELECT country, COUNT(*), SUM(amount_cents) FROM orders GROUP BY country ORDER BY country"))
                .containsExactly(List.of("DE", "7", "8100"), List.of("FR", "5", "4900"), List.of("US", "5", "6100"));
        assertThat(query("SELECT id FROM orders ORDER BY id")).extracting(row -> Integer.parseInt(row.get(0)))
                .containsExactly(1, 2, 3, 4, 6, 7, 8, 9, 10, 12, 14, 15, 16, 17, 18, 19, 20);
        assertThat(query("SELECT customer, country, amount_cents FROM orders WHERE id = 1"))
                .containsExactly(List.of("ada", "DE", "1200"));

        List<List<String>> rejected = query("SELECT row_text, stage, error FROM rejected_rows ORDER BY stage, row_text");
        assertThat(rejected).extracting(row -> row.get(0), row -> row.get(1)).containsExactly(
                tuple("Order[id=13, customer=Mo, country=US, amountCents=-500]", "load"),
                tuple("11,Kai,us", "transform"),
                tuple("5,Eve,fr,not-a-number", "transform"));
        assertThat(rejected.get(0).get(2)).containsIgnoringCase("AMOUNT_POSITIVE");
        assertThat(rejected.get(1).get(2)).isEqualTo("IllegalArgumentException: expected 4 fields, got 3");
        assertThat(rejected.get(2).get(2))
                .isEqualTo("NumberFormatException: For input string: \"not-a-number\"");

        // the refused batch is recorded, and its other rows were replayed into orders
        List<List<String>> failedBatches = query("SELECT order_ids, error FROM failed_batches");
        assertThat(failedBatches).hasSize(1);
        assertThat(failedBatches.get(0).get(0)).contains("13");
        assertThat(failedBatches.get(0).get(1)).containsIgnoringCase("AMOUNT_POSITIVE");

        assertThat(o.run().status()).isEqualTo(RunStatus.COMPLETED_WITH_FAILURES);
        assertThat(o.run().failed()).isEqualTo(3);
        assertThat(o.run().failures()).extracting(ItemFailure::stage)
                .containsExactlyInAnyOrder("transform", "transform", "load");
        assertThat(o.run().stats().stage("transform").succeeded()).isEqualTo(18);
        assertThat(o.run().stats().stage("load").consumed()).isEqualTo(5);
        assertThat(o.run().stats().stage("load").failed()).isEqualTo(1);
        // 20 lines in, 17 loaded + 3 rejected out
        assertThat(query("SELECT (SELECT COUNT(*) FROM orders) + (SELECT COUNT(*) FROM rejected_rows)"))
                .containsExactly(List.of("20"));
    }

    private List<List<String>> query(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            List<List<String>> rows = new ArrayList<>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }
}
