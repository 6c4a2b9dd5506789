package io.minigun.sample.orders;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** Parses the data set's CSV lines: a pure function, with no state and no dependencies. */
public final class OrderParser {
    private static final int FIELDS = 5;

    private OrderParser() {
    }

    /**
     * The order on {@code line}.
     *
     * @throws InvalidRecordException when the line cannot be parsed, with the reason
     */
    public static Order parse(CsvLine line) throws InvalidRecordException {
        String[] fields = line.text().split(",", -1);
        if (fields.length != FIELDS) {
            throw new InvalidRecordException(RejectReason.MALFORMED_LINE,
                    "expected " + FIELDS + " fields, found " + fields.length);
        }
        long orderId;
        try {
            orderId = Long.parseLong(fields[0].trim());
        } catch (NumberFormatException e) {
            throw new InvalidRecordException(RejectReason.MALFORMED_LINE,
                    "order id is not a number: '" + fields[0] + "'");
        }
        int quantity;
        try {
            quantity = Integer.parseInt(fields[3].trim());
        } catch (NumberFormatException e) {
            throw new InvalidRecordException(RejectReason.QUANTITY_NOT_A_NUMBER,
                    "quantity is not a number: '" + fields[3] + "'");
        }
        LocalDate date;
        try {
            date = LocalDate.parse(fields[4].trim());
        } catch (DateTimeParseException e) {
            throw new InvalidRecordException(RejectReason.INVALID_DATE,
                    "order date is not a valid date: '" + fields[4] + "'");
        }
        return new Order(line.number(), line.text(), orderId, fields[1].trim(), fields[2].trim(), quantity, date);
    }
}
