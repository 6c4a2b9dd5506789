package io.minigun.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Checks the harness itself: result checking, option parsing, result lines and the ratio table. No timing. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HarnessTest {

    private static final PrintStream SILENT = new PrintStream(new ByteArrayOutputStream(), true,
            StandardCharsets.UTF_8);

    @Test
    void aWrongResultFailsLoudly() {
        Implementation offByOne = new Implementation() {
            @Override
            public String name() {
                return "off-by-one";
            }

            @Override
            public long run(Workload workload, long n) {
                return workload.expected(n) + 1;
            }
        };

        assertThatThrownBy(() -> new RoundRunner(offByOne, Workload.LINEAR, 100, SILENT).run(0, 1))
                .isInstanceOf(WrongResultException.class)
                .hasMessageContaining("off-by-one")
                .hasMessageContaining("linear")
                .hasMessageContaining("9900");
    }

    @Test
    void aRightResultIsMeasuredOncePerRound() throws Exception {
        Implementation exact = new Implementation() {
            @Override
            public String name() {
                return "exact";
            }

            @Override
            public long run(Workload workload, long n) {
                return n * (n - 1) / 2;
            }
        };

        Measurement measurement = new RoundRunner(exact, Workload.BATCH, 1_000, SILENT).run(1, 3);

        assertThat(measurement.rounds()).isEqualTo(3);
        assertThat(measurement.min()).isPositive().isLessThanOrEqualTo(measurement.median());
        assertThat(measurement.max()).isGreaterThanOrEqualTo(measurement.median());
    }

    @Test
    void aMeasurementSurvivesItsResultLine() {
        Measurement measurement = Measurement.of(new double[] {3.0, 1.0, 2.0, 10.0});

        assertThat(measurement.median()).isEqualTo(2.5);
        assertThat(Measurement.parseLine(measurement.toLine())).isEqualTo(measurement);
        assertThat(Measurement.parseLine("  linear/loop round 1/1: 5 items/s")).isNull();
    }

    @Test
    void optionsSelectWorkloadsImplementationsAndQuickSizes() {
        Options options = Options.parse("--quick", "--only", "linear,io-bound", "--impl", "loop,reactor");

        assertThat(options.workloads()).containsExactly(Workload.LINEAR, Workload.IO_BOUND);
        assertThat(options.impls()).containsExactly("loop", "reactor");
        assertThat(options.warmups()).isZero();
        assertThat(options.rounds()).isEqualTo(1);
        assertThat(options.sizeOf(Workload.LINEAR)).isEqualTo(Workload.LINEAR.quickSize());
        assertThat(Options.parse().sizeOf(Workload.LINEAR)).isEqualTo(20_000_000);
        assertThat(Options.parse().workloads()).containsExactly(Workload.values());
    }

    @Test
    void badOptionsAreRejectedWithAMessage() {
        assertThatThrownBy(() -> Options.parse("--only", "nope")).hasMessageContaining("unknown workload 'nope'");
        assertThatThrownBy(() -> Options.parse("--rounds", "0")).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> Options.parse("--frobnicate")).hasMessageContaining("unknown option");
        assertThatThrownBy(() -> BenchmarkMain.select(Options.parse("--impl", "nope")))
                .hasMessageContaining("unknown implementation 'nope'");
    }

    @Test
    void ratiosAreMinigunOverTheImplementationWithinOneWorkload() {
        List<Outcome> outcomes = List.of(
                Outcome.measured(Workload.LINEAR, Implementations.MINIGUN, Measurement.of(new double[] {300})),
                Outcome.measured(Workload.LINEAR, "reactor", Measurement.of(new double[] {100})),
                Outcome.notApplicable(Workload.PROCESS, "reactor"),
                Outcome.measured(Workload.BATCH, "loop", Measurement.of(new double[] {100})));
        ResultTable table = new ResultTable(outcomes);

        assertThat(table.ratioOf(outcomes.get(0))).contains(1.0);
        assertThat(table.ratioOf(outcomes.get(1))).contains(3.0);
        assertThat(table.ratioOf(outcomes.get(2))).isEmpty();
        assertThat(table.ratioOf(outcomes.get(3))).isEmpty();
        assertThat(table.render())
                .contains("| linear ")
                .contains("3.00 |")
                .contains("n/a |");
    }

    @Test
    void withoutMinigunEveryRatioIsNotApplicable() {
        List<Outcome> outcomes = List.of(
                Outcome.measured(Workload.LINEAR, "loop", Measurement.of(new double[] {100})),
                Outcome.failed(Workload.LINEAR, "abq", "wrong result"));

        String table = new ResultTable(outcomes).render();

        assertThat(table.lines().skip(2)).hasSize(2)
                .allSatisfy(row -> assertThat(row.split("\\|")[4].trim()).isEqualTo("n/a"));
        assertThat(table).contains("FAILED");
    }
}
