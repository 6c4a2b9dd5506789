package io.minigun.internal.runtime;

/**
 * Unwinds stage code when the run is stopping (cancelled, fail-fast or aborted): thrown by {@code emit}, caught by
 * the engine, never seen by users unless their code catches every {@code RuntimeException}.
 */
final class RunStopped extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final RunStopped INSTANCE = new RunStopped();

    private RunStopped() {
        super("the run is stopping", null, false, false);
    }
}
