package io.minigun.sample.orders;

import io.minigun.sample.dataset.OrderDataSet;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The parsing of the parse stage, as a plain function: no pipeline, no worker JVM. */
class OrderParserTests {

    @Test
    void parsesAValidLine() throws InvalidRecordException {
        assertThat(OrderParser.parse(new CsvLine(1, OrderDataSet.line(1)))).isEqualTo(new Order(1,
                OrderDataSet.line(1), 100_001, "C02920", "SKU-0730", 2, LocalDate.of(2025, 1, 14)));
    }

    @Test
    void namesTheReasonALineCannotBeParsed() {
        assertThat(invalid(250, OrderDataSet.line(250)).reason()).isEqualTo(RejectReason.MALFORMED_LINE);
        assertThat(invalid(250, OrderDataSet.line(250))).hasMessage("expected 5 fields, found 4");
        assertThat(invalid(50, OrderDataSet.line(50)).reason()).isEqualTo(RejectReason.QUANTITY_NOT_A_NUMBER);
        assertThat(invalid(50, OrderDataSet.line(50))).hasMessage("quantity is not a number: 'two'");
        assertThat(invalid(100, OrderDataSet.line(100)).reason()).isEqualTo(RejectReason.INVALID_DATE);
        assertThat(invalid(7, "x,C1,SKU-0001,1,2025-01-01").reason()).isEqualTo(RejectReason.MALFORMED_LINE);
        assertThat(invalid(7, "").reason()).isEqualTo(RejectReason.MALFORMED_LINE);
    }

    @Test
    void aRejectedRecordKeepsItsLine() {
        Rejected rejected = invalid(50, OrderDataSet.line(50)).rejected(50, OrderDataSet.line(50), "parse");

        assertThat(rejected).isEqualTo(new Rejected(50, OrderDataSet.line(50), "parse",
                RejectReason.QUANTITY_NOT_A_NUMBER, "quantity is not a number: 'two'"));
    }

    private static InvalidRecordException invalid(long number, String text) {
        return catchThrowableOfType(InvalidRecordException.class, () -> OrderParser.parse(new CsvLine(number, text)));
    }
}
