package io.minigun.sample.orders;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code orders} and {@code dead_letters} tables, with JDBC batch inserts. */
@Repository
public class OrderRepository {
    private static final String INSERT_ORDER = "INSERT INTO orders (order_id, customer_id, sku, product_name, "
            + "quantity, unit_price_cents, total_cents, order_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_DEAD_LETTER = "INSERT INTO dead_letters (line_number, stage, reason_code, "
            + "reason, raw_line) VALUES (?, ?, ?, ?, ?)";

    private final JdbcTemplate jdbc;

    public OrderRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Empties both tables: every import starts from scratch. */
    @Transactional
    public void clear() {
        jdbc.execute("TRUNCATE TABLE orders");
        jdbc.execute("TRUNCATE TABLE dead_letters");
    }

    /** Inserts a batch of orders with one JDBC batch, in one transaction. */
    @Transactional
    public void insertOrders(List<ImportedOrder> orders) {
        jdbc.batchUpdate(INSERT_ORDER, orders, orders.size(), (statement, order) -> {
            statement.setLong(1, order.orderId());
            statement.setString(2, order.customerId());
            statement.setString(3, order.sku());
            statement.setString(4, order.productName());
            statement.setInt(5, order.quantity());
            statement.setLong(6, order.unitPriceCents());
            statement.setLong(7, order.totalCents());
            statement.setDate(8, Date.valueOf(order.orderDate()));
        });
    }

    /** Inserts a batch of rejected records with one JDBC batch, in one transaction. */
    @Transactional
    public void insertDeadLetters(List<Rejected> rejected) {
        jdbc.batchUpdate(INSERT_DEAD_LETTER, rejected, rejected.size(), (statement, r) -> {
            statement.setLong(1, r.lineNumber());
            statement.setString(2, r.stage());
            statement.setString(3, r.reason().name());
            statement.setString(4, r.detail());
            statement.setString(5, r.line());
        });
    }

    /** Rows in {@code orders}. */
    public long countOrders() {
        return count("SELECT COUNT(*) FROM orders");
    }

    /** Rows in {@code dead_letters}. */
    public long countDeadLetters() {
        return count("SELECT COUNT(*) FROM dead_letters");
    }

    /** Rows in {@code dead_letters} per reason code, most frequent first. */
    public Map<RejectReason, Long> deadLettersByReason() {
        Map<RejectReason, Long> counts = new LinkedHashMap<>();
        jdbc.query("SELECT reason_code, COUNT(*) AS n FROM dead_letters GROUP BY reason_code ORDER BY n DESC, "
                + "reason_code", rs -> {
            counts.put(RejectReason.valueOf(rs.getString(1)), rs.getLong(2));
        });
        return counts;
    }

    private long count(String sql) {
        Long count = jdbc.queryForObject(sql, Long.class);
        return count == null ? 0 : count;
    }
}
