package io.minigun.internal.runtime;

import io.minigun.DeadLetterHandler;
import io.minigun.ErrorPolicy;
import io.minigun.ItemFailure;
import io.minigun.PipelineAbortException;
import io.minigun.RunResult;
import io.minigun.RunStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Records what failed in a run, with the run's rules for each kind of failure: an item failure goes to the stage's
 * dead-letter handler and, under {@link ErrorPolicy#FAIL_FAST}, stops the run; a fatal failure ({@link Error},
 * {@link PipelineAbortException}) or a failure of the run's own machinery always stops it. Keeps the first
 * {@value RunResult#KEPT_FAILURES} failures for the result and counts all of them.
 */
final class RunFailures {
    private static final Logger log = LoggerFactory.getLogger(RunFailures.class);

    private final BiConsumer<RunStatus, Throwable> stop;
    private final List<ItemFailure> kept = new ArrayList<>();
    private long count;

    /** @param stop stops the run with a status and a cause (the first stop wins) */
    RunFailures(BiConsumer<RunStatus, Throwable> stop) {
        this.stop = stop;
    }

    static boolean isFatal(Throwable t) {
        return t instanceof Error || t instanceof PipelineAbortException;
    }

    static boolean isInterruption(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof InterruptedException || c instanceof java.io.InterruptedIOException) {
                return true;
            }
        }
        return false;
    }

    synchronized long count() {
        return count;
    }

    synchronized List<ItemFailure> kept() {
        return List.copyOf(kept);
    }

    private synchronized void add(ItemFailure failure) {
        count++;
        if (kept.size() < RunResult.KEPT_FAILURES) {
            kept.add(failure);
        }
    }

    /** An item failed for good (its retries are spent): recorded, dead-lettered, and fail-fast applied. */
    void itemFailed(StageRuntime stage, Object item, Throwable t, int attempts) {
        ItemFailure failure = new ItemFailure(stage.node.scope().path(), stage.name, item, t, attempts);
        add(failure);
        log.warn("Pipeline '{}', stage '{}': item {} failed after {} attempt(s)", failure.pipeline(), stage.name,
                abbreviate(item), attempts, t);
        DeadLetterHandler deadLetter = stage.node.config().deadLetter();
        if (deadLetter != null) {
            try {
                deadLetter.handle(failure);
            } catch (Throwable e) {
                log.warn("Pipeline '{}', stage '{}': the dead-letter handler failed", failure.pipeline(),
                        stage.name, e);
            }
        }
        if (stage.plan.errorPolicy() == ErrorPolicy.FAIL_FAST) {
            stop.accept(RunStatus.FAILED, t);
        }
    }

    /** A stage failed outside of any one item; fatal failures and fail-fast stages stop the run. */
    void stageFailed(StageRuntime stage, Throwable t) {
        add(new ItemFailure(stage.node.scope().path(), stage.name, null, t, 0));
        log.warn("Pipeline '{}', stage '{}' failed", stage.node.scope().path(), stage.name, t);
        if (isFatal(t) || stage.plan.errorPolicy() == ErrorPolicy.FAIL_FAST) {
            stop.accept(RunStatus.FAILED, t);
        }
    }

    void producerFailed(ProducerStage stage, Throwable t) {
        if (isFatal(t)) {
            abort(stage, null, t, 0);
        } else {
            stageFailed(stage, t);
        }
    }

    /** A fatal failure in a stage: the run stops as FAILED. */
    void abort(StageRuntime stage, Object item, Throwable t, int attempts) {
        add(new ItemFailure(stage.node.scope().path(), stage.name, item, t, attempts));
        log.error("Pipeline '{}', stage '{}' aborted the run", stage.node.scope().path(), stage.name, t);
        stop.accept(RunStatus.FAILED, t);
    }

    void lateItem(StageRuntime stage, Object item) {
        IllegalStateException e = Target.ended(stage);
        add(new ItemFailure(stage.node.scope().path(), stage.name, item, e, 0));
        log.warn("Pipeline '{}', stage '{}': item {} arrived after the stage ended and was counted as failed",
                stage.node.scope().path(), stage.name, abbreviate(item));
    }

    /** A bug in Minigun itself, caught where it happened: the run stops rather than risk losing items. */
    void internalError(StageRuntime stage, Throwable t) {
        add(new ItemFailure(stage.node.scope().path(), stage.name, null, t, 0));
        log.error("Pipeline '{}', stage '{}': internal error in minigun; the run is stopped",
                stage.node.scope().path(), stage.name, t);
        stop.accept(RunStatus.FAILED, t);
    }

    /** A run hook of pipeline {@code path} failed; {@code fatal}: the run cannot go on (a beforeRun hook). */
    void hookFailed(String path, String pipeline, String hook, Throwable t, boolean fatal) {
        add(new ItemFailure(path, pipeline, null, t, 0));
        if (fatal) {
            log.error("Pipeline '{}': a {} hook failed, so the run is aborted before any stage starts", path, hook,
                    t);
            stop.accept(RunStatus.FAILED, t);
        } else {
            log.warn("Pipeline '{}': a {} hook failed", path, hook, t);
        }
    }

    /** The run could not start (or not completely): it stops as FAILED with this cause. */
    void startFailed(String pipeline, Throwable t) {
        add(new ItemFailure(pipeline, pipeline, null, t, 0));
        log.error("Pipeline '{}': the run could not start; it is stopped", pipeline, t);
        stop.accept(RunStatus.FAILED, t);
    }

    private static String abbreviate(Object item) {
        String text = String.valueOf(item);
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
