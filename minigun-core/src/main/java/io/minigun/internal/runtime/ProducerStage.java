package io.minigun.internal.runtime;

import io.minigun.ProducerFunction;
import io.minigun.internal.definition.GraphNode;
import io.minigun.internal.plan.StagePlan;

/**
 * Runs a producer's body once on its own thread. That thread also runs the stages fused behind the producer, and
 * once the body returns it stays to end them, servicing items routed to them from other threads meanwhile.
 */
final class ProducerStage extends StageRuntime {
    private final ProducerFunction<Object> body;
    private volatile boolean bodyDone;

    @SuppressWarnings("unchecked")
    ProducerStage(Run run, GraphNode node, StagePlan plan) {
        super(run, node, plan);
        this.body = (ProducerFunction<Object>) node.definition().body();
    }

    @Override
    void onItem(Lane lane, Object item) {
        throw new IllegalStateException("producer '" + name + "' takes no input");
    }

    boolean bodyDone() {
        return bodyDone;
    }

    /** The producer's thread: the body, then the end of the producer and of the stages fused behind it. */
    void runOnThisThread() {
        hostThread = Thread.currentThread();
        Lane lane = lanes[0];
        try {
            body.produce(lane.output);
        } catch (RunStopped stopped) {
            // cancelled or failing fast: stop producing
        } catch (Throwable t) {
            if (!(run.stopping && RunFailures.isInterruption(t))) {
                run.failures.producerFailed(this, t);
            }
        } finally {
            Thread.interrupted();
            bodyDone = true;
        }
        if (inbox != null) {
            serviceInbox(lane);
        }
        finish(lane);
        run.termination.producerDone();
        if (inbox != null) {
            new Workers(this, lane, inbox).serveHosted();
        }
    }
}
