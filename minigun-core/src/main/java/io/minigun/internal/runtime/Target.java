package io.minigun.internal.runtime;


/** Where an emitted item goes: a stage's queue, a direct call, or a nested pipeline's entrance. */
abstract class Target {
    final StageRuntime stage;

    Target(StageRuntime stage) {
        this.stage = stage;
    }

    /** Delivers one item; {@code sender} is the emitting lane (for timing fused calls). */
    abstract void deliver(Object item, Lane sender);

    static IllegalStateException ended(StageRuntime stage) {
        return new IllegalStateException("stage '" + stage.name + "' of pipeline '" + stage.node.scope().path()
                + "' has already ended and cannot take more items");
    }

    /** Into the stage's input queue, blocking while it is full. */
    static final class Queued extends Target {
        private final StageQueue queue;

        Queued(StageRuntime stage) {
            super(stage);
            this.queue = stage.queue;
        }

        @Override
        void deliver(Object item, Lane sender) {
            if (stage.drain != null && stage.drain.tryRunNow(item)) {
                return;
            }
            boolean accepted;
            try {
                accepted = queue.put(item, sender);
            } catch (InterruptedException e) {
                // stopping: the item is already counted as emitted, so it must still arrive (to be cancelled
                // there); it has arrived, so the sender's item succeeded, and the sender's next emit stops it
                Thread.currentThread().interrupt();
                accepted = queue.putUrgent(item);
            }
            if (!accepted) {
                throw ended(stage);
            }
            stage.queued();
        }
    }

    /** A direct call on the caller's thread, which is the stage's only thread (fused stages, forceInline). */
    static final class Direct extends Target {
        private final Lane lane;

        Direct(StageRuntime stage) {
            super(stage);
            this.lane = stage.lanes[0];
        }

        @Override
        void deliver(Object item, Lane sender) {
            if (sender != null && sender.sampling) {
                deliverTimed(item, sender);
            } else {
                stage.onItem(lane, item);
            }
        }

        /** The sender's item is timed: its time must not include this stage's, so this call is timed too. */
        private void deliverTimed(Object item, Lane sender) {
            long start = System.nanoTime();
            stage.onItem(lane, item);
            sender.downstreamNanos += System.nanoTime() - start;
        }
    }

    /** A direct call from any thread, serialized so that the stage still sees one item at a time. */
    static final class Shared extends Target {
        private final Lane lane;

        Shared(StageRuntime stage) {
            super(stage);
            this.lane = stage.lanes[0];
        }

        @Override
        void deliver(Object item, Lane sender) {
            if (stage.isEnded()) {
                throw ended(stage);
            }
            synchronized (stage) {
                stage.onItem(lane, item);
            }
        }
    }

    /** A dynamically routed item for a fused stage: direct on its host's thread, else through the host's queue. */
    static final class Hosted extends Target {
        private final Direct direct;
        private final StageRuntime host;

        Hosted(StageRuntime stage, StageRuntime host) {
            super(stage);
            this.direct = new Direct(stage);
            this.host = host;
        }

        @Override
        void deliver(Object item, Lane sender) {
            if (stage.isEnded()) {
                throw ended(stage);
            }
            if (Thread.currentThread() == host.hostThread) {
                direct.deliver(item, sender);
                return;
            }
            boolean accepted;
            Control.Routed routed = new Control.Routed(stage, item);
            try {
                accepted = host.inbox().put(routed);
            } catch (InterruptedException e) {
                // stopping: as for a queue, the item arrives (to be cancelled there) and the sender's item succeeded
                Thread.currentThread().interrupt();
                accepted = host.inbox().putUrgent(routed);
            }
            if (!accepted) {
                throw ended(stage);
            }
            host.queued();
        }
    }

    /** A stage that can never take items (a producer). */
    static final class Refusing extends Target {
        Refusing(StageRuntime stage) {
            super(stage);
        }

        @Override
        void deliver(Object item, Lane sender) {
            throw new IllegalArgumentException("cannot route items to producer '" + stage.name
                    + "': producers take no input");
        }
    }
}
