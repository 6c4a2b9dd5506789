package io.minigun.internal.worker;

/**
 * What the engine gives a PROCESS stage while it runs: its input queue, its lanes, the run's state and the run's
 * failure rules. The engine implements it; {@link ProcessStage} uses nothing else of the engine, so the whole PROCESS
 * subsystem (both sides of the worker protocol) lives in this package.
 *
 * <p>Internal to Minigun: applications do not implement or call it.
 */
public interface ProcessStageHost {

    /** Whether the run is stopping (cancelled or failed). */
    boolean isStopping();

    /** Runs {@code action} as soon as the run stops (at once when it already has). */
    void onStop(Runnable action);

    /** The stage's beforeFork hooks, in the parent, before any worker starts. */
    void runBeforeForkHooks();

    /**
     * Moves up to {@code batch.length} queued elements into {@code batch}, waiting up to {@code timeoutNanos} for the
     * first one (a negative timeout: until there is one). Returns how many; 0 when none came in time.
     */
    int take(Object[] batch, int max, long timeoutNanos) throws InterruptedException;

    /** Whether a taken element is the end of this stage's input. */
    boolean isEndOfInput(Object element);

    /** Called by a thread about to wait for input, and whenever items settle: the run may have become quiet. */
    void idle();

    /** The counters of worker {@code slot} (from 0), and of the dispatcher itself at {@code slot == workers}. */
    WorkerLane lane(int slot);

    /** An item failed for good: recorded, dead-lettered, fail-fast applied. */
    void itemFailed(Object item, Throwable cause, int attempts);

    /** An item arrived after the stage's end of input: counted as failed. */
    void lateItem(Object item);

    /** The stage cannot go on (its workers cannot start): recorded, and the run stops as FAILED. */
    void stageFailed(Throwable cause);

    /** A fatal failure in stage code (an {@link Error} or an abort): the run stops as FAILED. */
    void abort(Throwable cause);

    /** Every item is settled and every worker has flushed: the stage ends (after-stage hooks, downstream told). */
    void finish();

    /**
     * Where the workers of stages with a keep-alive are kept between runs (the executor's); null when there is none,
     * then workers never outlive the run.
     */
    WorkerPool workerPool();

    /**
     * The stage could not start (its workers, its transport): what arrives is counted cancelled on the dispatcher's
     * lane {@code dispatcherSlot} until the end of input, then the stage ends. Runs on the stage's dispatcher thread.
     */
    default void cancelUntilEndOfInput(int dispatcherSlot, int batchSize) {
        WorkerLane dispatcher = lane(dispatcherSlot);
        Object[] batch = new Object[batchSize];
        while (true) {
            int n;
            try {
                n = take(batch, batchSize, 0);
                if (n == 0) {
                    idle();
                    n = take(batch, batchSize, -1);
                }
            } catch (InterruptedException e) {
                Thread.interrupted();
                continue;
            }
            for (int i = 0; i < n; i++) {
                if (isEndOfInput(batch[i])) {
                    dispatcher.completed(1);
                    finish();
                    return;
                }
                dispatcher.consumed(1);
                dispatcher.cancelled(1);
                dispatcher.completed(1);
                batch[i] = null;
            }
        }
    }

    /** Starts a thread of the run (joined when the run ends). */
    void startThread(String name, Runnable body);
}
