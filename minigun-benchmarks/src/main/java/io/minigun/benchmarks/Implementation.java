package io.minigun.benchmarks;

/**
 * One way of running the workloads: Minigun or one of its peers. The harness measures {@link #run} and checks its
 * answer against {@link Workload#expected(long)}, so an implementation that skips work fails the run.
 */
public interface Implementation extends AutoCloseable {

    /** Short name used on the command line and in the table, e.g. {@code reactor}. */
    String name();

    /** Whether this implementation can run the workload at all (peers without process isolation skip {@code process}). */
    default boolean supports(Workload workload) {
        return true;
    }

    /** Extra arguments for the JVM that measures this implementation. */
    default java.util.List<String> jvmArgs() {
        return java.util.List.of();
    }

    /**
     * Whether this is a variant of Minigun that answers one question (what stats and metrics cost); a variant is
     * left out of the table, rather than listed as n/a, for the workloads it does not run.
     */
    default boolean isVariant() {
        return false;
    }

    /**
     * Runs one round of the workload over the items {@code 0..n−1} and answers its result. Everything the round
     * needs (threads, schedulers, worker JVMs) is created and released inside the call, unless keeping it from one
     * round to the next is what the implementation measures ({@code minigun-warm}); {@link #close} releases that.
     */
    long run(Workload workload, long n) throws Exception;

    /** Releases what the implementation kept from one round to the next, after its last round. */
    @Override
    default void close() throws Exception {
    }
}
