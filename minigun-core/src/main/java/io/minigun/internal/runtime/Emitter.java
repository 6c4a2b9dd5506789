package io.minigun.internal.runtime;

import io.minigun.Output;
import io.minigun.Routing;
import io.minigun.RunContext;
import io.minigun.internal.definition.StageBodies;

import java.util.HashMap;
import java.util.Map;

/**
 * A lane's {@link Output}: {@code emit} follows the static edges (broadcast or round-robin), {@code to(name)}
 * routes dynamically. Counts what it emits on its lane; allocates nothing per item.
 */
class Emitter implements Output<Object> {
    final StageRuntime stage;
    final Run run;
    final Lane lane;
    private Target[] targets = new Target[0];
    private boolean roundRobin;
    private int next;
    private Map<String, Output<Object>> routes;

    Emitter(StageRuntime stage, Lane lane) {
        this.stage = stage;
        this.run = stage.run;
        this.lane = lane;
    }

    /** Where {@link #emit} sends, in order (what the wiring connected). */
    Target[] targets() {
        return targets.clone();
    }

    void connect(Target[] targets, Routing routing) {
        this.targets = targets;
        this.roundRobin = routing == Routing.ROUND_ROBIN;
    }

    @Override
    public void emit(Object item) {
        checkEmit(item);
        forward(item);
    }

    /**
     * Refuses a {@code null} item, and stops stage code that emits while the run stops (its item then counts as
     * cancelled).
     */
    final void checkEmit(Object item) {
        if (item == null) {
            throw StageBodies.nullItem(stage.name);
        }
        if (run.stopping) {
            throw RunStopped.INSTANCE;
        }
    }

    /** Counts an item leaving this lane, after serving the host's inbox so that routed items are not starved. */
    final void depart() {
        if (stage.inbox != null) {
            stage.serviceInbox(lane);
        }
        lane.produced();
    }

    /**
     * Emits the result of work that has already been done (a worker JVM's settled item), even while the run stops:
     * the item then arrives downstream and is counted as cancelled there, so that it is counted once, at one stage.
     */
    void emitSettled(String stageName, Object item) {
        if (stageName == null) {
            forward(item);
        } else {
            lane.produced();
            ((Routed) to(stageName)).target.deliver(item, lane);
        }
    }

    private void forward(Object item) {
        depart();
        Target[] targets = this.targets;
        int n = targets.length;
        if (n == 1) {
            targets[0].deliver(item, lane);
        } else if (n == 0) {
            lane.discarded();
            stage.warnDiscarded();
        } else if (roundRobin) {
            int i = next;
            next = i + 1 == n ? 0 : i + 1;
            targets[i].deliver(item, lane);
        } else {
            for (Target target : targets) {
                target.deliver(item, lane);
            }
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> Output<R> to(String stageName) {
        if (routes == null) {
            routes = new HashMap<>();
        }
        Output<Object> route = routes.get(stageName);
        if (route == null) {
            route = new Routed(stage.run.dynamicTarget(stage, stageName));
            routes.put(stageName, route);
        }
        return (Output<R>) route;
    }

    @Override
    public RunContext context() {
        return stage.run.context();
    }

    /** An output bound to one dynamically resolved stage. */
    private final class Routed implements Output<Object> {
        private final Target target;

        Routed(Target target) {
            this.target = target;
        }

        @Override
        public void emit(Object item) {
            checkEmit(item);
            lane.produced();
            target.deliver(item, lane);
        }

        @Override
        public <R> Output<R> to(String stageName) {
            return Emitter.this.to(stageName);
        }

        @Override
        public RunContext context() {
            return Emitter.this.context();
        }
    }
}
