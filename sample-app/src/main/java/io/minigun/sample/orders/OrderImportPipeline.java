package io.minigun.sample.orders;

import io.minigun.ContextType;
import io.minigun.Output;
import io.minigun.annotation.Accumulator;
import io.minigun.annotation.BeforeRun;
import io.minigun.annotation.Consumer;
import io.minigun.annotation.MinigunPipeline;
import io.minigun.annotation.Processor;
import io.minigun.annotation.Producer;
import io.minigun.sample.dataset.OrderDataSet;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

/**
 * <b>Level 2, configured</b>: the order import.
 *
 * <pre>
 * read ─▶ parse ─▶ enrich ─▶ validate ─▶ batch ─▶ insert
 *           │                   │
 *           └──── invalid ──────┴─▶ deadLetters ─▶ saveDeadLetters
 * </pre>
 *
 * The stages are wired in the order they are declared. The code says <em>what</em> each stage does; <em>how</em>
 * it runs (virtual threads or a thread pool, how many workers, how many worker JVMs) comes from
 * {@code minigun.pipelines.orderImport} in {@code application.yml}. Only {@code parse} declares its context in
 * code, since it is written to run in worker JVMs (keep such a stage free of state; application.yml can still
 * override it).
 *
 * <p>No {@code @Component}: the starter finds classes annotated {@code @MinigunPipeline} in the application's
 * packages and makes them beans, with their constructor dependencies injected.
 */
@MinigunPipeline(name = "orderImport")
public class OrderImportPipeline {
    /** Largest quantity accepted. */
    static final int MAX_QUANTITY = 100;

    private final OrderDataSet dataSet;
    private final ProductCatalog catalog;
    private final OrderRepository repository;

    public OrderImportPipeline(OrderDataSet dataSet, ProductCatalog catalog, OrderRepository repository) {
        this.dataSet = dataSet;
        this.catalog = catalog;
        this.repository = repository;
    }

    /** Every import replaces the previous one. */
    @BeforeRun
    void prepare() {
        if (!dataSet.exists()) {
            throw new IllegalStateException("No data set at " + dataSet.path() + "; run the orderDataSet pipeline "
                    + "first (the sample's import job does it at startup)");
        }
        repository.clear();
    }

    /** Reads the data set line by line, streaming: memory stays flat whatever the file size. */
    @Producer
    void read(Output<CsvLine> out) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(dataSet.path(), StandardCharsets.UTF_8)) {
            String header = reader.readLine();
            if (!OrderDataSet.HEADER.equals(header)) {
                throw new IOException(dataSet.path() + " does not start with the header " + OrderDataSet.HEADER);
            }
            long number = 0;
            for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                if (out.context().isCancelled()) {
                    return;
                }
                out.emit(new CsvLine(++number, text));
            }
        }
    }

    /**
     * Runs in PROCESS workers: separate JVMs that start this same application in worker mode (no web server, no
     * startup job) and take this stage from it; how many comes from {@code application.yml}. Lines go to the
     * workers and orders come back over pipes: both are {@link java.io.Serializable} records of the application's
     * packages, which the default codec admits. Lines that cannot be parsed go to {@code deadLetters}.
     */
    @Processor(concurrency = ContextType.PROCESS)
    void parse(CsvLine line, Output<Order> out) {
        try {
            out.emit(OrderParser.parse(line));
        } catch (InvalidRecordException invalid) {
            out.<Rejected>to("deadLetters").emit(invalid.rejected(line.number(), line.text(), "parse"));
        }
    }

    /** Looks the product up in the (slow) catalog. */
    @Processor
    EnrichedOrder enrich(Order order) throws InterruptedException {
        return new EnrichedOrder(order, catalog.lookup(order.sku()).orElse(null));
    }

    /** Valid orders go on to be inserted; invalid ones are routed to {@code deadLetters} with the reason. */
    @Processor
    void validate(EnrichedOrder enriched, Output<ImportedOrder> out) {
        Order order = enriched.order();
        Product product = enriched.product();
        if (order.quantity() < 1 || order.quantity() > MAX_QUANTITY) {
            out.<Rejected>to("deadLetters").emit(new Rejected(order.lineNumber(), order.source(), "validate",
                    RejectReason.QUANTITY_OUT_OF_RANGE,
                    "quantity must be between 1 and " + MAX_QUANTITY + ", was " + order.quantity()));
        } else if (product == null) {
            out.<Rejected>to("deadLetters").emit(new Rejected(order.lineNumber(), order.source(), "validate",
                    RejectReason.UNKNOWN_PRODUCT, "no product " + order.sku() + " in the catalog"));
        } else {
            out.emit(new ImportedOrder(order.orderId(), order.customerId(), order.sku(), product.name(),
                    order.quantity(), product.unitPriceCents(), order.quantity() * product.unitPriceCents(),
                    order.orderDate()));
        }
    }

    /** Batches of 500 orders, for JDBC batch inserts. */
    @Accumulator(maxSize = 500)
    List<ImportedOrder> batch(List<ImportedOrder> orders) {
        return orders;
    }

    @Consumer
    void insert(List<ImportedOrder> batch) {
        repository.insertOrders(batch);
    }

    /** Receives only what parse and validate route to it ({@code await}); batches it too. */
    @Accumulator(await = true, maxSize = 500)
    List<Rejected> deadLetters(List<Rejected> rejected) {
        return rejected;
    }

    @Consumer(from = "deadLetters")
    void saveDeadLetters(List<Rejected> batch) {
        repository.insertDeadLetters(batch);
    }
}
