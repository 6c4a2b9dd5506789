package io.minigun.sample.orders;

import io.minigun.Output;
import io.minigun.RunContext;
import io.minigun.sample.dataset.OrderDataSet;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The parse stage as a plain function: no pipeline, no worker JVM. */
class OrderParserTests {
    private final OrderParser parser = new OrderParser();
    private final Captured out = new Captured();

    @Test
    void parsesAValidLine() {
        parser.process(new CsvLine(1, OrderDataSet.line(1)), out);

        assertThat(out.emitted).containsExactly(new Order(1, OrderDataSet.line(1), 100_001, "C02920", "SKU-0730", 2,
                LocalDate.of(2025, 1, 14)));
        assertThat(out.routed).isEmpty();
    }

    @Test
    void routesWhatItCannotParseToDeadLettersWithTheReason() {
        parser.process(new CsvLine(250, OrderDataSet.line(250)), out);
        parser.process(new CsvLine(50, OrderDataSet.line(50)), out);
        parser.process(new CsvLine(100, OrderDataSet.line(100)), out);
        parser.process(new CsvLine(7, "x,C1,SKU-0001,1,2025-01-01"), out);

        assertThat(out.emitted).isEmpty();
        assertThat(out.targets).containsOnly("deadLetters");
        assertThat(out.routed).extracting(Rejected::reason).containsExactly(RejectReason.MALFORMED_LINE,
                RejectReason.QUANTITY_NOT_A_NUMBER, RejectReason.INVALID_DATE, RejectReason.MALFORMED_LINE);
        assertThat(out.routed).extracting(Rejected::lineNumber).containsExactly(250L, 50L, 100L, 7L);
        assertThat(out.routed.get(0).detail()).isEqualTo("expected 5 fields, found 4");
        assertThat(out.routed.get(1).detail()).isEqualTo("quantity is not a number: 'two'");
        assertThat(out.routed).extracting(Rejected::stage).containsOnly("parse");
    }

    /** Collects what a stage emits and routes. */
    private static final class Captured implements Output<Order> {
        final List<Order> emitted = new ArrayList<>();
        final List<Rejected> routed = new ArrayList<>();
        final List<String> targets = new ArrayList<>();

        @Override
        public void emit(Order item) {
            emitted.add(item);
        }

        @Override
        @SuppressWarnings("unchecked")
        public <R> Output<R> to(String stage) {
            targets.add(stage);
            return new Output<>() {
                @Override
                public void emit(R item) {
                    routed.add((Rejected) item);
                }

                @Override
                public <S> Output<S> to(String other) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public RunContext context() {
                    throw new UnsupportedOperationException();
                }
            };
        }

        @Override
        public RunContext context() {
            throw new UnsupportedOperationException();
        }
    }
}
