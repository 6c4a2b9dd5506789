package io.minigun.sample.customers;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the imported {@code orders} per customer and writes the {@code customer_totals} table. */
@Repository
public class CustomerRepository {
    private final JdbcTemplate jdbc;

    public CustomerRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    public void clear() {
        jdbc.execute("TRUNCATE TABLE customer_totals");
    }

    /** The customers that have imported orders. */
    public List<String> customerIds() {
        return jdbc.queryForList("SELECT DISTINCT customer_id FROM orders ORDER BY customer_id", String.class);
    }

    /** One customer's order count and total (one indexed query: a connection held for a short while). */
    public CustomerTotal totalOf(String customerId) {
        return jdbc.queryForObject("SELECT COUNT(*), COALESCE(SUM(total_cents), 0) FROM orders WHERE customer_id = ?",
                (rs, row) -> new CustomerTotal(customerId, rs.getLong(1), rs.getLong(2), null), customerId);
    }

    @Transactional
    public void insert(List<CustomerTotal> totals) {
        jdbc.batchUpdate("INSERT INTO customer_totals (customer_id, orders, total_cents, tier) VALUES (?, ?, ?, ?)",
                totals, totals.size(), (statement, total) -> {
                    statement.setString(1, total.customerId());
                    statement.setLong(2, total.orders());
                    statement.setLong(3, total.totalCents());
                    statement.setString(4, total.tier());
                });
    }

    /** Rows in {@code customer_totals}. */
    public long count() {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM customer_totals", Long.class);
        return count == null ? 0 : count;
    }

    /** Customers per tier. */
    public Map<String, Long> countByTier() {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.query("SELECT tier, COUNT(*) FROM customer_totals GROUP BY tier ORDER BY tier", rs -> {
            counts.put(rs.getString(1), rs.getLong(2));
        });
        return counts;
    }
}
