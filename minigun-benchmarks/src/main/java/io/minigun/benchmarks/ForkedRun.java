package io.minigun.benchmarks;

/**
 * Entry point of the fresh JVM that measures one (workload, implementation) pair. Arguments:
 * {@code <workload> <implementation> <n> <warm-up rounds> <measured rounds>}. Prints one {@link Measurement} line
 * on standard output and the per-round log on standard error; exits {@value #WRONG_RESULT} on a wrong result and
 * {@value #ERROR} on any other failure.
 */
public final class ForkedRun {

    /** Exit status for a wrong result. */
    public static final int WRONG_RESULT = 2;

    /** Exit status for any other failure. */
    public static final int ERROR = 1;

    private ForkedRun() {
    }

    /** Runs the pair and exits; see the class comment for the arguments. */
    public static void main(String[] args) {
        int status = 0;
        try {
            if (args.length != 5) {
                throw new IllegalArgumentException(
                        "usage: ForkedRun <workload> <implementation> <n> <warmups> <rounds>");
            }
            Workload workload = Workload.fromId(args[0]);
            long n = Long.parseLong(args[2]);
            try (Implementation implementation = Implementations.byName(args[1])) {
                Measurement measurement = new RoundRunner(implementation, workload, n, System.err)
                        .run(Integer.parseInt(args[3]), Integer.parseInt(args[4]));
                System.out.println(measurement.toLine());
            }
        } catch (WrongResultException wrong) {
            System.err.println(wrong.getMessage());
            status = WRONG_RESULT;
        } catch (Throwable failure) {
            failure.printStackTrace();
            status = ERROR;
        }
        System.out.flush();
        System.err.flush();
        // exit explicitly: a misbehaving implementation may leave non-daemon threads behind
        System.exit(status);
    }
}
