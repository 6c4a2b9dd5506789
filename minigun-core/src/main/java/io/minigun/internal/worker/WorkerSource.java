package io.minigun.internal.worker;

import java.io.IOException;
import java.util.List;

/**
 * Where the worker JVMs of one PROCESS stage in one run come from and where they go when the stage has ended:
 * started for the run and stopped at its end ({@link RunWorkers}), or taken from and given back to a
 * {@link WorkerPool} that keeps them warm. Either way a worker serves one run at a time, and a run that stops kills
 * the workers it holds instead of handing them on (see {@link WorkerConnection#kill()}).
 */
interface WorkerSource {

    /** A worker JVM for worker number {@code number} (from 1), booted or booting. */
    WorkerProcess acquire(int number) throws IOException;

    /** Whether the workers outlive the run: then a run's reader stops at the worker's ENDED. */
    boolean keepsWorkers();

    /**
     * The stage has ended normally and these workers have settled everything: stops them, or keeps them for the next
     * runs. Returns once the workers it stops have exited.
     */
    void release(List<WorkerProcess> workers);
}
