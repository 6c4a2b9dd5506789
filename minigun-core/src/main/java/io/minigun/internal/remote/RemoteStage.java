package io.minigun.internal.remote;

import io.minigun.PipelineAbortException;
import io.minigun.internal.worker.ProcessStageHost;
import io.minigun.internal.worker.WorkerLane;
import io.minigun.remote.Emission;
import io.minigun.remote.RemoteChannel;
import io.minigun.remote.RemoteRun;
import io.minigun.remote.RemoteTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Runs a REMOTE stage of one run: its dispatcher thread ({@link #run()}) takes the stage's queued items, gives each a
 * sequence, waits for room in the {@link RemoteWindow} (backpressure) and sends it through the run's
 * {@link RemoteChannel}; as the engine's {@link RemoteRun} it settles the outcomes the transport reports, from any
 * thread, through the window (the first outcome of a sequence counts, later ones are dropped and counted), and
 * delivers each result's emissions downstream as a PROCESS stage delivers a worker's.
 *
 * <p>Lanes: the dispatcher counts on its own lane ({@code host.lane(1)}: consumed when taken, and what it cancels
 * itself); outcomes are counted on lane 0 ({@code host.lane(0)}) under one lock, so one thread writes it at a time.
 *
 * <p>Internal to Minigun: the engine creates one per REMOTE stage and run; applications do not.
 */
public final class RemoteStage implements RemoteRun {
    private static final Logger log = LoggerFactory.getLogger(RemoteStage.class);
    private static final int BATCH = 256;
    /** Reported as the instance of outcomes the engine makes itself (a send that threw). */
    private static final String ENGINE = "engine";

    private final String stage;
    private final RemoteTransport transport;
    private final String runId;
    private final Map<String, Object> parameters;
    private final ProcessStageHost host;
    private final RemoteWindow window;
    private final WorkerLane results;
    private final WorkerLane dispatcher;
    /** Guards {@link #results}: outcomes arrive on any thread, a lane has one writer at a time. */
    private final Object resultsLock = new Object();
    private volatile RemoteChannel channel;
    private long nextSeq;

    /**
     * Prepares the stage; nothing is opened until {@link #run()}.
     *
     * @param stage the stage's qualified name (messages)
     * @throws IllegalArgumentException when the transport's max-in-flight is below 1
     */
    public RemoteStage(String stage, RemoteTransport transport, String runId, Map<String, Object> parameters,
                       ProcessStageHost host) {
        this.stage = stage;
        this.transport = transport;
        this.runId = runId;
        this.parameters = parameters;
        this.host = host;
        this.window = new RemoteWindow(transport.maxInFlight());
        this.results = host.lane(0);
        this.dispatcher = host.lane(1);
    }

    /** The window of this run's items in flight (the in-flight gauge, duplicates; tests). */
    public RemoteWindow window() {
        return window;
    }

    // ---- the dispatcher thread -----------------------------------------------------------------------------------

    /** The dispatcher thread: until the stage's input has ended and every item sent has settled (or the run stopped). */
    public void run() {
        try {
            channel = Objects.requireNonNull(transport.open(this), "the transport opened no channel");
        } catch (RuntimeException e) {
            host.stageFailed(new IllegalStateException("cannot open the transport '" + transport.name()
                    + "' of remote stage '" + stage + "': " + e.getMessage(), e));
            host.cancelUntilEndOfInput(1, BATCH);
            return;
        }
        host.onStop(this::stopped);
        try {
            dispatch();
        } finally {
            try {
                channel.close();
            } catch (RuntimeException e) {
                log.warn("Remote stage '{}': closing the channel of run {} failed", stage, runId, e);
            }
        }
    }

    private void dispatch() {
        Object[] batch = new Object[BATCH];
        while (true) {
            int n = take(batch);
            for (int i = 0; i < n; i++) {
                Object element = batch[i];
                batch[i] = null;
                if (host.isEndOfInput(element)) {
                    dispatcher.completed(1);
                    for (int late = i + 1; late < n; late++) {
                        dispatcher.consumed(1);
                        dispatcher.failed(1);
                        dispatcher.completed(1);
                        host.lateItem(batch[late]);
                        batch[late] = null;
                    }
                    endOfInput();
                    return;
                }
                send(element);
            }
        }
    }

    private int take(Object[] batch) {
        while (true) {
            try {
                int n = host.take(batch, BATCH, 0);
                if (n > 0) {
                    return n;
                }
                host.idle();
                return host.take(batch, BATCH, -1);
            } catch (InterruptedException e) {
                Thread.interrupted();
            }
        }
    }

    /** Sends one item once there is room; cancels it when the run is stopping (or stops meanwhile). */
    private void send(Object item) {
        dispatcher.consumed(1);
        long seq = nextSeq++;
        boolean inFlight = false;
        while (!host.isStopping()) {
            try {
                inFlight = window.put(seq, item);
                break;
            } catch (InterruptedException e) {
                Thread.interrupted();
            }
        }
        if (!inFlight) {
            dispatcher.cancelled(1);
            dispatcher.completed(1);
            return;
        }
        try {
            channel.send(seq, item);
        } catch (RuntimeException e) {
            failure(seq, new IllegalStateException("remote stage '" + stage + "' could not send its item through "
                    + "transport '" + transport.name() + "': " + e.getMessage(), e), 1, ENGINE);
        }
    }

    /** End of input: waits until every item sent has settled (or the run stopped), then the stage ends. */
    private void endOfInput() {
        while (true) {
            try {
                window.awaitEmpty(-1, TimeUnit.NANOSECONDS);
                break;
            } catch (InterruptedException e) {
                Thread.interrupted();
            }
        }
        host.finish();
    }

    /** The run stopped: the remote side is told, the window closes and what it held counts as cancelled. */
    private void stopped() {
        RemoteChannel open = channel;
        if (open != null) {
            try {
                open.cancel();
            } catch (RuntimeException e) {
                log.warn("Remote stage '{}': cancelling run {} on transport '{}' failed", stage, runId,
                        transport.name(), e);
            }
        }
        List<RemoteWindow.InFlight> held = window.close();
        synchronized (resultsLock) {
            results.cancelled(held.size());
            results.completed(held.size());
        }
        host.idle();
    }

    // ---- RemoteRun: outcomes, from the transport's threads -------------------------------------------------------

    @Override
    public String runId() {
        return runId;
    }

    @Override
    public Map<String, Object> parameters() {
        return parameters;
    }

    @Override
    public void result(long seq, List<Emission> emissions, int attempts, long stageNanos, String instance) {
        RemoteWindow.InFlight settled = window.settle(seq);
        if (settled == null) {
            return;
        }
        synchronized (resultsLock) {
            RuntimeException deliveryFailure = null;
            for (Emission emission : emissions) {
                try {
                    results.emitSettled(emission.target(), emission.item());
                } catch (RuntimeException e) {
                    if (deliveryFailure == null) {
                        deliveryFailure = e;
                    }
                }
            }
            results.retried(Math.max(0, attempts - 1));
            if (deliveryFailure != null && !host.isStopping()) {
                results.failed(1);
                host.itemFailed(settled.item(), deliveryFailure, Math.max(attempts, 1));
            } else {
                results.succeeded(1);
                results.recordLatency(Math.max(0, stageNanos), 1);
            }
            results.completed(1);
        }
        host.idle();
    }

    @Override
    public void failure(long seq, Throwable cause, int attempts, String instance) {
        RemoteWindow.InFlight settled = window.settle(seq);
        if (settled == null) {
            return;
        }
        synchronized (resultsLock) {
            results.retried(Math.max(0, attempts - 1));
            if (host.isStopping()) {
                results.cancelled(1);
            } else if (cause instanceof Error || cause instanceof PipelineAbortException) {
                // fatal in stage code wherever it ran: the run stops as FAILED, as for a local stage
                results.failed(1);
                host.abort(cause);
            } else {
                results.failed(1);
                host.itemFailed(settled.item(), cause, Math.max(attempts, 1));
            }
            results.completed(1);
        }
        host.idle();
    }
}
