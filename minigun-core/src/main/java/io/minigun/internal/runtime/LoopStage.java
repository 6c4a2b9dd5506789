package io.minigun.internal.runtime;

import io.minigun.Input;
import io.minigun.LoopFunction;
import io.minigun.internal.definition.GraphNode;
import io.minigun.internal.plan.Placement;
import io.minigun.internal.plan.StagePlan;

import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * A loop stage: its body reads its own input. An item counts as handled when the body asks for the next one (or
 * returns), so the run never looks quiet while the body may still emit because of it. If the body throws or
 * returns early, the rest of its input is drained and counted as failed, so senders never block forever.
 */
final class LoopStage extends StageRuntime {
    private static final Object END = new Object();
    private static final Object TIMEOUT = new Object();

    private final LoopFunction<Object, Object> body;

    @SuppressWarnings("unchecked")
    LoopStage(Run run, GraphNode node, StagePlan plan) {
        super(run, node, plan);
        this.body = (LoopFunction<Object, Object>) node.definition().body();
    }

    @Override
    void onItem(Lane lane, Object item) {
        throw new IllegalStateException("loop stage '" + name + "' reads its own input");
    }

    /** One worker thread of the stage. */
    void runOnThisThread(Lane lane) {
        if (lanes.length == 1) {
            hostThread = Thread.currentThread();
        }
        runBody(lane);
        if (activeLanes.decrementAndGet() > 0) {
            queue.putUrgent(new Control.EndOf(this));
            return;
        }
        finish(lane);
        closeQueue(lane, queue);
    }

    @Override
    void onEndOfInput(Lane lane) {
        if (plan.placement() == Placement.CALLER) {
            queue.putUrgent(new Control.EndOf(this));
            runBody(lane);
        }
    }

    private void runBody(Lane lane) {
        LoopInput input = new LoopInput(lane);
        boolean failed = false;
        try {
            body.run(input, lane.output);
        } catch (RunStopped stopped) {
            // the run is stopping
        } catch (Throwable t) {
            failed = true;
            if (RunFailures.isFatal(t)) {
                run.failures.abort(this, null, t, 0);
            } else {
                run.failures.stageFailed(this, t);
            }
        }
        long left = input.drainToEnd();
        if (left > 0 && !failed && !run.stopping) {
            run.failures.stageFailed(this, new IllegalStateException("loop stage '" + name + "' returned before its input "
                    + "ended; " + left + " item(s) it never read were counted as failed"));
        }
    }

    /** The body's view of the queue. */
    private final class LoopInput implements Input<Object> {
        private final Lane lane;
        private final Object[] one = new Object[1];
        private boolean pendingCompletion;
        private boolean ended;
        private Object lookahead;

        LoopInput(Lane lane) {
            this.lane = lane;
        }

        @Override
        public Iterator<Object> iterator() {
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    if (lookahead == null) {
                        Object next = fetch(-1);
                        lookahead = next == END ? null : next;
                    }
                    return lookahead != null;
                }

                @Override
                public Object next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException("input of stage '" + name + "' has ended");
                    }
                    Object item = lookahead;
                    lookahead = null;
                    return item;
                }
            };
        }

        @Override
        public Optional<Object> poll(Duration timeout) {
            if (lookahead != null) {
                Object item = lookahead;
                lookahead = null;
                return Optional.of(item);
            }
            Object next = fetch(Math.max(0, timeout.toNanos()));
            return next == END || next == TIMEOUT ? Optional.empty() : Optional.of(next);
        }

        @Override
        public boolean isEnded() {
            return ended && lookahead == null;
        }

        /** The next item for the body, END or TIMEOUT. Items that arrive while the run is stopping are cancelled. */
        private Object fetch(long timeoutNanos) {
            completePrevious();
            while (!ended) {
                Object element = take(timeoutNanos);
                if (element == TIMEOUT) {
                    return TIMEOUT;
                }
                if (element instanceof Control.EndOf) {
                    ended = true;
                    lane.completed();
                    return END;
                }
                lane.consumed();
                if (run.stopping) {
                    lane.cancelled(1);
                    lane.completed();
                    continue;
                }
                lane.succeeded(1);
                pendingCompletion = true;
                return element;
            }
            return END;
        }

        /** Counts everything the body did not read as failed (cancelled when stopping); returns how many. */
        long drainToEnd() {
            completePrevious();
            long left = 0;
            if (lookahead != null) {
                lookahead = null;
                lane.succeeded(-1);
                lane.failed(1);
                left++;
            }
            while (!ended) {
                Object element = take(-1);
                if (element instanceof Control.EndOf) {
                    ended = true;
                    lane.completed();
                    break;
                }
                lane.consumed();
                if (run.stopping) {
                    lane.cancelled(1);
                } else {
                    lane.failed(1);
                    left++;
                }
                lane.completed();
            }
            return left;
        }

        private void completePrevious() {
            if (pendingCompletion) {
                pendingCompletion = false;
                lane.completed();
            }
        }

        private Object take(long timeoutNanos) {
            while (true) {
                try {
                    if (queue.drain(one, 1, 0) == 1) {
                        return one[0];
                    }
                    if (plan.placement() != Placement.CALLER) {
                        run.termination.idle();
                    }
                    if (queue.drain(one, 1, timeoutNanos) == 1) {
                        return one[0];
                    }
                    return TIMEOUT;
                } catch (InterruptedException e) {
                    Thread.interrupted();
                }
            }
        }
    }
}
