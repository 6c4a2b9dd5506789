package io.minigun.sample.dataset;

import io.minigun.sample.SampleProperties;
import org.springframework.stereotype.Component;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;

/**
 * The generated order data set: a CSV file of {@code sample.orders} records, the same on every machine. Record
 * {@code n} (from 1) is a pure function of {@code n}, and every 50th record carries one defect, the five kinds in
 * turn, so exactly 2% of the records are invalid and the expected outcome of an import is known in advance.
 *
 * <pre>
 * order_id,customer_id,sku,quantity,order_date
 * 100001,C00012,SKU-0730,2,2025-01-14
 * </pre>
 */
@Component
public class OrderDataSet {
    /** The CSV header line. */
    public static final String HEADER = "order_id,customer_id,sku,quantity,order_date";
    /** Number of customers the orders are spread over. */
    public static final int CUSTOMERS = 5_000;
    /** Number of products in the catalog ({@code SKU-0001} to {@code SKU-1000}). */
    public static final int PRODUCTS = 1_000;
    /** A SKU that is not in the catalog. */
    public static final String UNKNOWN_SKU = "SKU-9999";

    private static final int DEFECT_EVERY = 50;
    private static final LocalDate FIRST_DAY = LocalDate.of(2025, 1, 1);

    /** The defect a record carries, and the reason it is rejected for. */
    public enum Defect {
        /** A field is missing: rejected by parse. */
        MISSING_FIELD,
        /** The quantity is not a number: rejected by parse. */
        QUANTITY_NOT_A_NUMBER,
        /** The order date does not exist: rejected by parse. */
        INVALID_DATE,
        /** The quantity is zero: rejected by validate. */
        QUANTITY_OUT_OF_RANGE,
        /** The SKU is not in the catalog: rejected by validate, after enrich found no product. */
        UNKNOWN_PRODUCT
    }

    private final int orders;
    private final Path path;

    public OrderDataSet(SampleProperties properties) {
        this.orders = properties.orders();
        this.path = properties.dataDir().resolve("orders-" + orders + ".csv").toAbsolutePath().normalize();
    }

    /** Number of records. */
    public int orders() {
        return orders;
    }

    /** Where the CSV file is. */
    public Path path() {
        return path;
    }

    /** Whether the CSV file has been written. */
    public boolean exists() {
        return Files.isRegularFile(path);
    }

    /** The CSV line of record {@code n} (from 1), without a line separator. */
    public static String line(long n) {
        long orderId = 100_000 + n;
        String customer = String.format("C%05d", 1 + (n * 7_919) % CUSTOMERS);
        String sku = String.format("SKU-%04d", 1 + (n * 104_729) % PRODUCTS);
        String quantity = Long.toString(1 + (n * 31) % 10);
        String date = FIRST_DAY.plusDays((n * 13) % 365).toString();
        Defect defect = defectOf(n);
        if (defect != null) {
            switch (defect) {
                case MISSING_FIELD -> {
                    return orderId + "," + customer + "," + sku + "," + quantity;
                }
                case QUANTITY_NOT_A_NUMBER -> quantity = "two";
                case INVALID_DATE -> date = "2025-02-30";
                case QUANTITY_OUT_OF_RANGE -> quantity = "0";
                case UNKNOWN_PRODUCT -> sku = UNKNOWN_SKU;
                default -> throw new IllegalStateException(defect.name());
            }
        }
        return orderId + "," + customer + "," + sku + "," + quantity + "," + date;
    }

    /** The defect record {@code n} carries, or {@code null} when it is valid. */
    public static Defect defectOf(long n) {
        if (n % DEFECT_EVERY != 0) {
            return null;
        }
        return Defect.values()[(int) ((n / DEFECT_EVERY) % Defect.values().length)];
    }

    /** How many of the first {@code orders} records carry each defect. */
    public static Map<Defect, Long> expectedDefects(long orders) {
        Map<Defect, Long> counts = new EnumMap<>(Defect.class);
        for (Defect defect : Defect.values()) {
            counts.put(defect, 0L);
        }
        for (long n = DEFECT_EVERY; n <= orders; n += DEFECT_EVERY) {
            counts.merge(defectOf(n), 1L, Long::sum);
        }
        return counts;
    }

    /** How many of the first {@code orders} records are invalid. */
    public static long expectedInvalid(long orders) {
        return orders / DEFECT_EVERY;
    }
}
