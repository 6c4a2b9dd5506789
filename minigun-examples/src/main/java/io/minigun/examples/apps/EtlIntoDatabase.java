package io.minigun.examples.apps;

import io.minigun.ContextType;
import io.minigun.ItemFailure;
import io.minigun.Minigun;
import io.minigun.RunResult;

import java.io.Serializable;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Ruby {@code 43_etl_pipeline.rb} and {@code 15_simple_etl.rb} with a real database: extract order lines from a
 * CSV export, transform them on a pool of 3 threads, batch them by 4 with an accumulator and load each batch into an
 * embedded H2 database with one JDBC batch insert in one transaction.
 *
 * <p>Nothing is lost. A line that cannot be parsed fails in {@code transform}; its dead-letter handler writes it to
 * the {@code rejected_rows} table. A batch the database refuses (one order breaks a {@code CHECK} constraint) is
 * rolled back whole and fails in {@code load}; its dead-letter handler records it in {@code failed_batches} and
 * replays it one row at a time, so its good rows are loaded and only the bad one is rejected. The run reports both
 * kinds of failure.
 *
 * <p>The database is in memory ({@code DB_CLOSE_DELAY=-1} keeps it between connections), so every stage that
 * touches it runs in this JVM; a stage in worker JVMs would need a file or TCP URL instead.
 */
public final class EtlIntoDatabase {

    private EtlIntoDatabase() {
    }

    /** The export: a header, 20 orders, two lines that do not parse and one order with a negative amount. */
    static final String CSV = """
            id,customer,country,amount_cents
            1, ada ,de,1200
            2,Brian,fr,800
            3,Chen,de,1500
            4,Dana,us,2300
            5,Eve,fr,not-a-number
            6,Femi,us,700
            7,Gus,de,1100
            8,Hana,us,900
            9,Ivan,fr,1300
            10,Jo,de,400
            11,Kai,us
            12,Lea,fr,600
            13,Mo,us,-500
            14,Nia,de,1000
            15,Omar,fr,1700
            16,Pia,us,300
            17,Quinn,de,2100
            18,Ray,fr,500
            19,Sol,us,1900
            20,Tess,de,800
            """;

    public record Order(int id, String customer, String country, long amountCents) implements Serializable {
    }

    public record Outcome(String databaseUrl, RunResult run) {
    }

    /** A fresh in-memory database that outlives its connections until {@link #dropDatabase} shuts it down. */
    public static String newDatabaseUrl() {
        return "jdbc:h2:mem:etl-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    public static Outcome run(String url) throws SQLException {
        createSchema(url);
        RunResult run = Minigun.pipeline("etl_into_database")
                .producer("extract", () -> CSV.lines().skip(1).toList())
                .processor("transform", EtlIntoDatabase::parse,
                        s -> s.concurrency(ContextType.THREAD).threads(3)
                                .deadLetter(f -> reject(url, (String) f.item(), "transform", message(f))))
                .accumulator("batch", s -> s.maxSize(4))
                .consumer("load", (List<Order> batch) -> insertBatch(url, batch),
                        s -> s.deadLetter(f -> replayFailedBatch(url, f)))
                .build()
                .run();
        return new Outcome(url, run);
    }

    static Order parse(String line) {
        String[] fields = line.split(",");
        if (fields.length != 4) {
            throw new IllegalArgumentException("expected 4 fields, got " + fields.length);
        }
        return new Order(Integer.parseInt(fields[0].trim()), fields[1].trim(),
                fields[2].trim().toUpperCase(Locale.ROOT), Long.parseLong(fields[3].trim()));
    }

    private static void createSchema(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("""
                    CREATE TABLE orders (id INT PRIMARY KEY, customer VARCHAR(40) NOT NULL,
                        country CHAR(2) NOT NULL, amount_cents BIGINT NOT NULL,
                        CONSTRAINT amount_positive CHECK (amount_cents > 0))""");
            s.execute("CREATE TABLE rejected_rows (row_text VARCHAR(200), stage VARCHAR(20), error VARCHAR(1000))");
            s.execute("CREATE TABLE failed_batches (order_ids VARCHAR(100), error VARCHAR(1000))");
        }
    }

    private static final String INSERT = "INSERT INTO orders (id, customer, country, amount_cents) VALUES (?, ?, ?, ?)";

    /** One JDBC batch in one transaction: all of the batch is committed, or none of it. */
    static void insertBatch(String url, List<Order> batch) throws SQLException {
        try (Connection c = DriverManager.getConnection(url)) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement(INSERT)) {
                for (Order order : batch) {
                    bind(insert, order);
                    insert.addBatch();
                }
                insert.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Records the refused batch, then loads its orders one by one: the good ones land, the bad one is rejected. */
    private static void replayFailedBatch(String url, ItemFailure failure) throws SQLException {
        @SuppressWarnings("unchecked")
        List<Order> batch = (List<Order>) failure.item();
        try (Connection c = DriverManager.getConnection(url)) {
            try (PreparedStatement failed = c.prepareStatement("INSERT INTO failed_batches VALUES (?, ?)")) {
                failed.setString(1, batch.stream().map(Order::id).sorted().toList().toString());
                failed.setString(2, message(failure));
                failed.executeUpdate();
            }
            try (PreparedStatement insert = c.prepareStatement(INSERT)) {
                for (Order order : batch) {
                    bind(insert, order);
                    try {
                        insert.executeUpdate();
                    } catch (SQLException e) {
                        reject(url, order.toString(), "load", e.getMessage());
                    }
                }
            }
        }
    }

    private static void bind(PreparedStatement insert, Order order) throws SQLException {
        insert.setInt(1, order.id());
        insert.setString(2, order.customer());
        insert.setString(3, order.country());
        insert.setLong(4, order.amountCents());
    }

    private static void reject(String url, String row, String stage, String error) throws SQLException {
        try (Connection c = DriverManager.getConnection(url);
             PreparedStatement insert = c.prepareStatement("INSERT INTO rejected_rows VALUES (?, ?, ?)")) {
            insert.setString(1, row);
            insert.setString(2, stage);
            insert.setString(3, error.length() > 1000 ? error.substring(0, 1000) : error);
            insert.executeUpdate();
        }
    }

    private static String message(ItemFailure failure) {
        return failure.exception().getClass().getSimpleName() + ": " + failure.exception().getMessage();
    }

    /** Shuts the in-memory database down (it would otherwise live as long as the JVM). */
    public static void dropDatabase(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        }
    }

    public static void main(String[] args) throws SQLException {
        String url = newDatabaseUrl();
        Outcome o = run(url);
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            print(s, "SELECT country, COUNT(*) AS orders, SUM(amount_cents) AS cents FROM orders"
                    + " GROUP BY country ORDER BY country");
            print(s, "SELECT row_text, stage FROM rejected_rows ORDER BY row_text");
            print(s, "SELECT order_ids FROM failed_batches");
        }
        System.out.println(o.run().describe());
        dropDatabase(url);
    }

    private static void print(Statement s, String sql) throws SQLException {
        System.out.println(sql);
        try (ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder("  ");
                for (int i = 1; i <= columns; i++) {
                    row.append(i > 1 ? " | " : "").append(rs.getString(i));
                }
                System.out.println(row);
            }
        }
    }
}
