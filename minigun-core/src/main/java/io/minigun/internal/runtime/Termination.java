package io.minigun.internal.runtime;

import java.util.Comparator;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Decides when stages end. A stage whose static upstreams have all ended is <em>ready</em>; it is ended only when
 * the whole run is quiet (no producer running, every queued element handled), one stage at a time in topological
 * order. So a stage open to dynamic routing never ends while any stage could still send to it, an {@code await}
 * stage nobody routes to ends once everything else is done, and nothing ever waits for an end that cannot come.
 *
 * <p>Quiet is checked with two passes over monotonic counters: first every queue's handled count, then every
 * queue's put count. If they match stage by stage, there was an instant between the passes when nothing was queued
 * or in hand anywhere.
 */
final class Termination {
    private final Run run;
    private final TreeSet<StageRuntime> ready;
    private final CountDownLatch allEnded;
    private StageRuntime ending;
    private volatile boolean hasReady;
    private int ended;

    Termination(Run run, int stages, int[] topologicalIndex) {
        this.run = run;
        this.ready = new TreeSet<>(Comparator.comparingInt(s -> topologicalIndex[s.node.id()]));
        this.allEnded = new CountDownLatch(stages);
    }

    void readyToEnd(StageRuntime stage) {
        synchronized (this) {
            ready.add(stage);
            hasReady = true;
        }
        advance();
    }

    void stageEnded(StageRuntime stage) {
        synchronized (this) {
            if (ending == stage) {
                ending = null;
            }
            ended++;
        }
        allEnded.countDown();
        advance();
    }

    void producerDone() {
        advance();
    }

    /** Called by a thread about to wait for input: the run may have just become quiet. */
    void idle() {
        if (hasReady) {
            advance();
        }
    }

    boolean awaitAllEnded(long timeout, TimeUnit unit) throws InterruptedException {
        return allEnded.await(timeout, unit);
    }

    private void advance() {
        StageRuntime next;
        synchronized (this) {
            if (ending != null || ready.isEmpty() || !run.isQuiet()) {
                return;
            }
            next = ready.pollFirst();
            ending = next;
            hasReady = !ready.isEmpty();
        }
        next.requestEnd();
    }
}
