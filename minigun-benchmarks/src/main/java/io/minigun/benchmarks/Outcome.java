package io.minigun.benchmarks;

/**
 * What happened to one (workload, implementation) pair: measured, not applicable, or failed with a message.
 *
 * @param workload       the workload
 * @param implementation the implementation's name
 * @param measurement    the throughput when measured, else {@code null}
 * @param failure        why the pair failed, else {@code null}
 */
public record Outcome(Workload workload, String implementation, Measurement measurement, String failure) {

    /** A measured pair. */
    public static Outcome measured(Workload workload, String implementation, Measurement measurement) {
        return new Outcome(workload, implementation, measurement, null);
    }

    /** A pair the implementation cannot run. */
    public static Outcome notApplicable(Workload workload, String implementation) {
        return new Outcome(workload, implementation, null, null);
    }

    /** A pair that failed: wrong result, crash or timeout. */
    public static Outcome failed(Workload workload, String implementation, String failure) {
        return new Outcome(workload, implementation, null, failure);
    }

    /** Whether the pair failed. */
    public boolean isFailure() {
        return failure != null;
    }
}
