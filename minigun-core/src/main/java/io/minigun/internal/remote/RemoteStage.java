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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs a REMOTE stage of one run: its dispatcher thread ({@link #run()}) takes the stage's queued items, gives each a
 * sequence, waits for room in the {@link RemoteWindow} (backpressure) and sends it through the run's
 * {@link RemoteChannel}; as the engine's {@link RemoteRun} it settles the outcomes the transport reports, from any
 * thread, through the window (the first outcome of a sequence counts, later ones are dropped and counted), and
 * delivers each result's emissions downstream as a PROCESS stage delivers a worker's.
 *
 * <p>Threads: the dispatcher ({@link #run()}) counts on its own lane ({@code host.lane(1)}: consumed when taken, and
 * what it cancels itself); the delivery thread ({@link #deliverOutcomes()}) delivers the outcomes the transport
 * settled, in the order they settled, and counts them on lane 0. Each lane has one writer.
 *
 * <p>Internal to Minigun: the engine creates one per REMOTE stage and run; applications do not.
 */
public final class RemoteStage implements RemoteRun {
    private static final Logger log = LoggerFactory.getLogger(RemoteStage.class);
    private static final int BATCH = 256;
    /** Reported as the instance of outcomes the engine makes itself (a send that threw). */
    private static final String ENGINE = "engine";
    /** The last element of {@link #outcomes}: the delivery thread ends. */
    private static final Object END = new Object();

    private final String stage;
    private final RemoteTransport transport;
    private final String runId;
    private final Map<String, Object> parameters;
    private final ProcessStageHost host;
    private final RemoteWindow window;
    private final WorkerLane results;
    private final WorkerLane dispatcher;
    /**
     * Outcomes settled and not yet delivered, for the delivery thread ({@link #deliverOutcomes()}): the transport's
     * threads never block on a full downstream queue (a results reader shared by every run and stage of the
     * transport would stall them all, and deadlock a remote stage that feeds another). Bounded by the window, whose
     * room an outcome keeps until it is delivered; {@link #END} last.
     */
    private final BlockingQueue<Object> outcomes = new LinkedBlockingQueue<>();
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
            outcomes.add(END);
            host.cancelUntilEndOfInput(1, BATCH);
            return;
        }
        host.onStop(this::stopped);
        try {
            dispatch();
        } finally {
            if (window.duplicates() > 0 || window.late() > 0) {
                log.info("Remote stage '{}' of run {}: dropped {} duplicate result(s) (items run twice: "
                        + "re-delivered or retried elsewhere) and {} arriving after the run stopped", stage, runId,
                        window.duplicates(), window.late());
            }
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
        outcomes.add(END);
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
        // nothing settles once closed, so these come after every outcome the delivery thread has yet to deliver
        outcomes.add(new Unsettled(window.close().size()));
        outcomes.add(END);
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
        window.settleHeld(seq, settled -> outcomes.add(new Outcome(settled, emissions, null, attempts, stageNanos)));
    }

    @Override
    public void failure(long seq, Throwable cause, int attempts, String instance) {
        window.settleHeld(seq, settled -> outcomes.add(new Outcome(settled, List.of(), cause, attempts, 0L)));
    }

    // ---- the delivery thread -------------------------------------------------------------------------------------

    /**
     * The delivery thread: delivers each settled outcome downstream and counts it, then frees its room in the
     * window; ends after the dispatcher (end of input, or the run stopped). Outcomes that settled before the run
     * stopped count cancelled rather than entering a stopping DAG.
     */
    public void deliverOutcomes() {
        while (true) {
            Object next;
            try {
                next = outcomes.take();
            } catch (InterruptedException e) {
                Thread.interrupted();
                continue;
            }
            if (next == END) {
                return;
            }
            if (next instanceof Unsettled unsettled) {
                results.cancelled(unsettled.count);
                results.completed(unsettled.count);
                host.idle();
                continue;
            }
            Outcome outcome = (Outcome) next;
            deliver(outcome);
            window.release(outcome.settled.seq());
            host.idle();
        }
    }

    private void deliver(Outcome outcome) {
        results.retried(Math.max(0, outcome.attempts - 1));
        if (host.isStopping()) {
            results.cancelled(1);
        } else if (outcome.cause == null) {
            RuntimeException deliveryFailure = null;
            for (Emission emission : outcome.emissions) {
                try {
                    results.emitSettled(emission.target(), emission.item());
                } catch (RuntimeException e) {
                    if (deliveryFailure == null) {
                        deliveryFailure = e;
                    }
                }
            }
            if (deliveryFailure == null) {
                results.succeeded(1);
                results.recordLatency(Math.max(0, outcome.stageNanos), 1);
            } else if (host.isStopping()) {
                results.cancelled(1);
            } else {
                results.failed(1);
                host.itemFailed(outcome.settled.item(), deliveryFailure, Math.max(outcome.attempts, 1));
            }
        } else if (outcome.cause instanceof Error || outcome.cause instanceof PipelineAbortException) {
            // fatal in stage code wherever it ran: the run stops as FAILED, as for a local stage
            results.failed(1);
            host.abort(outcome.cause);
        } else {
            results.failed(1);
            host.itemFailed(outcome.settled.item(), outcome.cause, Math.max(outcome.attempts, 1));
        }
        results.completed(1);
    }

    /** The items in flight with no outcome when the run stopped: counted cancelled. */
    private record Unsettled(int count) {
    }

    /** An outcome the transport reported, settled in the window, waiting to be delivered. */
    private record Outcome(RemoteWindow.InFlight settled, List<Emission> emissions, Throwable cause, int attempts,
                           long stageNanos) {
    }
}
