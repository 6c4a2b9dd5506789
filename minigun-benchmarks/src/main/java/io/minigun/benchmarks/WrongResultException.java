package io.minigun.benchmarks;

/** Thrown when an implementation answers a different result than {@link Workload#expected(long)}: the run is void. */
public final class WrongResultException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Describes the mismatch: which implementation, which workload, what was expected and what came back. */
    public WrongResultException(String implementation, Workload workload, long n, long expected, long actual) {
        super("WRONG RESULT: " + implementation + " on " + workload.id() + " with n=" + n + " answered " + actual
                + " but " + expected + " was expected");
    }
}
