package io.minigun.sample.orders;

import io.minigun.ContextType;
import io.minigun.Output;
import io.minigun.ProcessorFunction;
import io.minigun.annotation.Processor;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * The {@code parse} stage of {@code orderImport}: turns a CSV line into an {@link Order}, or routes it to the
 * {@code deadLetters} stage with the reason when it cannot.
 *
 * <p>It runs in PROCESS workers: separate JVMs that the run starts and stops (how many:
 * {@code minigun.pipelines.orderImport.concurrency.processes} in {@code application.yml}). Lines go to the workers
 * and orders come back over pipes; the records that cross are {@link java.io.Serializable} and live in this
 * package, which the default codec admits. A standalone stage bean (it joins the pipeline by name and is placed
 * between {@code read} and {@code enrich} by {@code from}/{@code to}) with no injected dependencies, so a worker
 * needs nothing but the class to run it.
 */
@Component
@Processor(pipeline = "orderImport", name = "parse", from = "read", to = "enrich",
        concurrency = ContextType.PROCESS)
public class OrderParser implements ProcessorFunction<CsvLine, Order> {
    private static final long serialVersionUID = 1L;
    private static final int FIELDS = 5;

    @Override
    public void process(CsvLine line, Output<Order> out) {
        String[] fields = line.text().split(",", -1);
        if (fields.length != FIELDS) {
            reject(out, line, RejectReason.MALFORMED_LINE,
                    "expected " + FIELDS + " fields, found " + fields.length);
            return;
        }
        long orderId;
        int quantity;
        LocalDate date;
        try {
            orderId = Long.parseLong(fields[0].trim());
        } catch (NumberFormatException e) {
            reject(out, line, RejectReason.MALFORMED_LINE, "order id is not a number: '" + fields[0] + "'");
            return;
        }
        try {
            quantity = Integer.parseInt(fields[3].trim());
        } catch (NumberFormatException e) {
            reject(out, line, RejectReason.QUANTITY_NOT_A_NUMBER, "quantity is not a number: '" + fields[3] + "'");
            return;
        }
        try {
            date = LocalDate.parse(fields[4].trim());
        } catch (DateTimeParseException e) {
            reject(out, line, RejectReason.INVALID_DATE, "order date is not a valid date: '" + fields[4] + "'");
            return;
        }
        out.emit(new Order(line.number(), line.text(), orderId, fields[1].trim(), fields[2].trim(), quantity, date));
    }

    private static void reject(Output<Order> out, CsvLine line, RejectReason reason, String detail) {
        out.<Rejected>to("deadLetters").emit(new Rejected(line.number(), line.text(), "parse", reason, detail));
    }
}
