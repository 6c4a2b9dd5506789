package io.minigun.internal.worker;

import java.util.List;

/**
 * Workers that live for one run: started for it, with the pump of their standard error on a thread of the run (so
 * that everything a worker printed is logged before the run ends), and asked to exit when the stage ends. The
 * default, when a stage has no keep-alive.
 */
final class RunWorkers implements WorkerSource {
    private static final long EXIT_TIMEOUT_MILLIS = 10_000;

    private final StageBoot boot;
    private final ProcessStageHost host;
    private final String stage;

    RunWorkers(StageBoot boot, ProcessStageHost host, String stage) {
        this.boot = boot;
        this.host = host;
        this.stage = stage;
    }

    @Override
    public WorkerProcess acquire(int number) throws java.io.IOException {
        return boot.start(number, (name, body) -> host.startThread(stage + "-w" + number + "-" + name, body));
    }

    @Override
    public boolean keepsWorkers() {
        return false;
    }

    /** Asks every worker to exit, all at once, and waits for the slowest (killing one that does not exit). */
    @Override
    public void release(List<WorkerProcess> workers) {
        workers.forEach(WorkerProcess::requestExit);
        workers.forEach(worker -> worker.awaitExit(EXIT_TIMEOUT_MILLIS));
    }
}
