package io.minigun.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs every selected (workload, implementation) pair, each in its own fresh JVM, then prints the JDK, the machine
 * and the table of throughputs with the ratio Minigun ÷ each implementation. Exits non-zero when any pair failed,
 * a wrong result included. See {@link Options#USAGE} for the arguments.
 */
public final class BenchmarkMain {

    /** Exit status when a pair failed. */
    public static final int FAILED = 1;

    /** Exit status for bad arguments. */
    public static final int USAGE = 64;

    private BenchmarkMain() {
    }

    /** Command-line entry point. */
    public static void main(String[] args) throws Exception {
        Options options;
        List<Implementation> implementations;
        try {
            if (List.of(args).contains("--help")) {
                System.out.println(Options.USAGE);
                return;
            }
            options = Options.parse(args);
            implementations = select(options);
        } catch (IllegalArgumentException bad) {
            System.err.println(bad.getMessage());
            System.err.println(Options.USAGE);
            System.exit(USAGE);
            return;
        }
        List<Outcome> outcomes = run(options, implementations, System.err);
        boolean failed = report(options, outcomes, System.out);
        System.out.flush();
        if (failed) {
            System.exit(FAILED);
        }
    }

    /** The implementations named by {@code --impl}, or all available ones. */
    static List<Implementation> select(Options options) {
        if (options.impls().isEmpty()) {
            return Implementations.all();
        }
        List<Implementation> selected = new ArrayList<>();
        for (String name : options.impls()) {
            selected.add(Implementations.byName(name));
        }
        return selected;
    }

    /** Measures every pair, logging progress to {@code log}. */
    static List<Outcome> run(Options options, List<Implementation> implementations, PrintStream log)
            throws Exception {
        ForkLauncher launcher = new ForkLauncher(options.jvmArgs(), options.timeout());
        List<Outcome> outcomes = new ArrayList<>();
        for (Workload workload : options.workloads()) {
            long n = options.sizeOf(workload);
            for (Implementation implementation : implementations) {
                if (!implementation.supports(workload)) {
                    if (implementation.isVariant()) {
                        continue;
                    }
                    outcomes.add(Outcome.notApplicable(workload, implementation.name()));
                    continue;
                }
                log.printf("== %s / %s: n=%,d, %d warm-up + %d measured rounds, fresh JVM%n", workload.id(),
                        implementation.name(), n, options.warmups(), options.rounds());
                Outcome outcome = launcher.measure(workload, implementation, n, options.warmups(),
                        options.rounds());
                if (outcome.isFailure()) {
                    log.printf("!! %s / %s FAILED: %s%n", workload.id(), implementation.name(), outcome.failure());
                }
                outcomes.add(outcome);
            }
        }
        return outcomes;
    }

    /** Prints the environment, the table and any failure; answers whether a pair failed. */
    static boolean report(Options options, List<Outcome> outcomes, PrintStream out) {
        out.println();
        out.println("JDK:     " + Environment.jdk());
        out.println("Machine: " + Environment.machine());
        out.println("Run:     " + (options.quick() ? "QUICK smoke run (tiny N, not a measurement)" : "full")
                + ", " + options.warmups() + " warm-up + " + options.rounds()
                + " measured rounds per pair, one fresh JVM per pair");
        out.println();
        out.print(new ResultTable(outcomes).render());
        List<Outcome> failures = outcomes.stream().filter(Outcome::isFailure).toList();
        if (!failures.isEmpty()) {
            out.println();
            for (Outcome failure : failures) {
                out.println("FAILED: " + failure.workload().id() + " / " + failure.implementation() + ": "
                        + failure.failure());
            }
        }
        return !failures.isEmpty();
    }
}
