package io.minigun.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Formats the outcomes as a Markdown table (ready to paste into the README): throughput of each pair and the ratio
 * Minigun ÷ that implementation within the same workload and the same run. A ratio is {@code n/a} whenever either
 * side was not measured, which includes every ratio while the Minigun implementation does not exist.
 */
public final class ResultTable {

    private static final String NA = "n/a";

    private final List<Outcome> outcomes;

    /** A table of these outcomes, in the given order. */
    public ResultTable(List<Outcome> outcomes) {
        this.outcomes = List.copyOf(outcomes);
    }

    /** The table, one line per pair after a header. */
    public String render() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"workload", "implementation", "items/s (median)", "Minigun ÷ implementation",
            "spread"});
        for (Outcome outcome : outcomes) {
            rows.add(new String[] {outcome.workload().id(), outcome.implementation(), throughput(outcome),
                ratio(outcome), spread(outcome)});
        }
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        appendRow(out, rows.get(0), widths);
        String[] rule = new String[widths.length];
        for (int i = 0; i < widths.length; i++) {
            rule[i] = (i >= 2 ? "-".repeat(widths[i] - 1) + ":" : "-".repeat(widths[i]));
        }
        appendRow(out, rule, widths);
        for (String[] row : rows.subList(1, rows.size())) {
            appendRow(out, row, widths);
        }
        return out.toString();
    }

    /** Minigun's throughput ÷ this outcome's, when both were measured in this run. */
    public Optional<Double> ratioOf(Outcome outcome) {
        if (outcome.measurement() == null || outcome.measurement().median() <= 0) {
            return Optional.empty();
        }
        return outcomes.stream()
                .filter(other -> other.workload() == outcome.workload())
                .filter(other -> other.implementation().equals(Implementations.MINIGUN))
                .filter(other -> other.measurement() != null)
                .findFirst()
                .map(minigun -> minigun.measurement().median() / outcome.measurement().median());
    }

    private String ratio(Outcome outcome) {
        return ratioOf(outcome).map(ratio -> String.format(Locale.ROOT, "%.2f", ratio)).orElse(NA);
    }

    private static String throughput(Outcome outcome) {
        if (outcome.isFailure()) {
            return "FAILED";
        }
        if (outcome.measurement() == null) {
            return NA;
        }
        return String.format(Locale.ROOT, "%,.0f", outcome.measurement().median());
    }

    private static String spread(Outcome outcome) {
        if (outcome.measurement() == null || outcome.measurement().rounds() < 2) {
            return "";
        }
        return String.format(Locale.ROOT, "±%.0f%%", outcome.measurement().spread() * 50);
    }

    private static void appendRow(StringBuilder out, String[] cells, int[] widths) {
        out.append('|');
        for (int i = 0; i < cells.length; i++) {
            String cell = cells[i];
            String pad = " ".repeat(widths[i] - cell.length());
            out.append(' ').append(i >= 2 ? pad + cell : cell + pad).append(" |");
        }
        out.append(System.lineSeparator());
    }
}
