package io.minigun.benchmarks;

import java.io.PrintStream;

/**
 * Runs warm-up rounds then measured rounds of one implementation on one workload in this JVM, checking every
 * round's result (warm-up included), and summarises the measured rounds.
 */
public final class RoundRunner {

    private final Implementation implementation;
    private final Workload workload;
    private final long n;
    private final PrintStream log;

    /** A runner that reports each round to {@code log}. */
    public RoundRunner(Implementation implementation, Workload workload, long n, PrintStream log) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1, was " + n);
        }
        this.implementation = implementation;
        this.workload = workload;
        this.n = n;
        this.log = log;
    }

    /** Runs the rounds; throws {@link WrongResultException} on the first wrong answer. */
    public Measurement run(int warmups, int rounds) throws Exception {
        if (warmups < 0 || rounds < 1) {
            throw new IllegalArgumentException("need warmups >= 0 and rounds >= 1");
        }
        long expected = workload.expected(n);
        for (int i = 1; i <= warmups; i++) {
            double rate = round(expected);
            log.printf("  %s/%s warm-up %d/%d: %,.0f items/s%n", workload.id(), implementation.name(), i, warmups, rate);
        }
        double[] rates = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            rates[i] = round(expected);
            log.printf("  %s/%s round %d/%d: %,.0f items/s%n", workload.id(), implementation.name(), i + 1, rounds,
                    rates[i]);
        }
        return Measurement.of(rates);
    }

    private double round(long expected) throws Exception {
        long start = System.nanoTime();
        long actual = implementation.run(workload, n);
        long elapsed = Math.max(1, System.nanoTime() - start);
        if (actual != expected) {
            throw new WrongResultException(implementation.name(), workload, n, expected, actual);
        }
        return n * 1e9 / elapsed;
    }
}
