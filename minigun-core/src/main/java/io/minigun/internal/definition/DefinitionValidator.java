package io.minigun.internal.definition;

import io.minigun.ConcurrencySettings;
import io.minigun.NamedContext;
import io.minigun.PipelineSettings;

import io.minigun.ContextType;
import io.minigun.PipelineDefinitionException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks what can be checked on one pipeline before wiring: names, option values, options that do not apply to a
 * stage's kind, named contexts, hooks and reroutes. Every error names the pipeline, the stage and the fix.
 */
final class DefinitionValidator {
    /** The first Java release with virtual threads. */
    static final int VIRTUAL_THREADS_RELEASE = 21;

    private final PipelineDefinition pipeline;
    private final PipelineSettings settings;
    private final int javaRelease;

    DefinitionValidator(PipelineDefinition pipeline, PipelineSettings settings, int javaRelease) {
        this.pipeline = pipeline;
        this.settings = settings;
        this.javaRelease = javaRelease;
    }

    void validate() {
        checkPipelineSettings();
        if (pipeline.stages().isEmpty()) {
            throw error("has no stages; add at least a producer and a consumer");
        }
        Map<String, StageDefinition> seen = new HashMap<>();
        for (StageDefinition stage : pipeline.stages()) {
            if (stage.name() == null || stage.name().isBlank()) {
                throw error("has a " + stage.kind().label() + " without a name; give every stage a unique name");
            }
            if (stage.name().contains("/")) {
                throw error("has a " + stage.kind().label() + " named '" + stage.name() + "', but '/' separates a "
                        + "nested pipeline from its stages in stage paths (configure(\"nested/stage\")); rename it, "
                        + "for example to '" + stage.name().replace('/', '-') + "'");
            }
            StageDefinition previous = seen.put(stage.name(), stage);
            if (previous != null) {
                throw error("declares the name '" + stage.name() + "' twice (" + previous.kind().label() + " and "
                        + stage.kind().label() + "); stage names must be unique within a pipeline");
            }
            checkStage(stage);
        }
        for (String hookStage : pipeline.hooks().stageNames()) {
            if (!declaredBelow(pipeline, hookStage)) {
                throw error("has a hook for unknown stage '" + hookStage + "'; known stages: " + seen.keySet());
            }
        }
        for (Reroute reroute : pipeline.reroutes()) {
            if (!seen.containsKey(reroute.from())) {
                throw error("reroutes unknown stage '" + reroute.from() + "'; known stages: " + seen.keySet());
            }
            if (reroute.to().isEmpty()) {
                throw error("reroutes '" + reroute.from() + "' to nothing; name at least one target stage");
            }
        }
    }

    /**
     * Checks that a root pipeline has a producer somewhere in its tree. Called after every pipeline of the tree is
     * validated and wired, so that a more specific error (a cycle, an unknown name) is reported first.
     */
    void requireProducer() {
        if (!hasProducer(pipeline)) {
            throw error("has no producer, so a run would process nothing; add a producer");
        }
    }

    private void checkPipelineSettings() {
        ConcurrencySettings c = pipeline.concurrency();
        atLeast(c.threads(), 1, "concurrency threads");
        atLeast(c.processes(), 1, "concurrency processes");
        atLeast(c.virtualThreads(), 1, "concurrency virtualThreads");
        atLeast(c.retries(), 0, "concurrency retries");
        if (c.backoff() != null && c.backoff().isNegative()) {
            throw error("has a negative concurrency backoff (" + c.backoff() + "); use zero or a positive duration");
        }
        atLeast(pipeline.queueSize(), 1, "queueSize");
        for (NamedContext context : pipeline.contexts().values()) {
            if (context.size() < 1) {
                throw error("defines context '" + context.name() + "' with size " + context.size()
                        + "; the size must be at least 1");
            }
            if (context.type() == ContextType.AUTO) {
                throw error("defines context '" + context.name() + "' as AUTO; a named context needs a concrete "
                        + "type: INLINE, THREAD, VIRTUAL or PROCESS");
            }
            checkContextTypeAvailable(context.type(), "context '" + context.name() + "'");
        }
    }

    private void checkStage(StageDefinition stage) {
        StageConfig c = stage.config();
        StageKind kind = stage.kind();
        if (c.isRemote()) {
            checkRemote(stage);
        }
        if (kind != StageKind.ACCUMULATOR) {
            notApplicable(stage, c.maxSize() != null, "maxSize", "it applies only to accumulators");
            notApplicable(stage, c.maxWait() != null, "maxWait", "it applies only to accumulators");
        }
        if (kind == StageKind.PRODUCER) {
            notApplicable(stage, !c.from().isEmpty(), "from", "a producer has no input");
            notApplicable(stage, c.await() != null, "await", "a producer has no input");
            notApplicable(stage, c.queueSize() != null, "queueSize", "a producer has no input queue");
            notApplicable(stage, c.unbounded(), "unbounded", "a producer has no input queue");
            notApplicable(stage, c.requestedWorkers() != null, "threads/poolSize", "a producer runs once, on one thread");
        }
        if (kind == StageKind.PRODUCER || kind == StageKind.LOOP) {
            String why = "it applies to per-item stages; a " + kind.label() + " runs its body once";
            notApplicable(stage, c.retries() != null, "retries", why);
            notApplicable(stage, c.backoff() != null, "backoff", why);
            notApplicable(stage, c.deadLetter() != null, "deadLetter", why);
        }
        if (kind == StageKind.PIPELINE) {
            String why = "set it inside the nested pipeline instead";
            notApplicable(stage, c.declaresPlacement(), "concurrency/threads/poolSize/context/affinity", why);
            notApplicable(stage, c.queueSize() != null || c.unbounded(), "queueSize/unbounded", why);
            notApplicable(stage, c.retries() != null || c.backoff() != null, "retries/backoff", why);
            notApplicable(stage, c.onError() != null || c.deadLetter() != null, "onError/deadLetter", why);
        }
        if (!stage.emits() && !c.to().isEmpty()) {
            throw stageError(stage, "has 'to' but cannot emit (it takes only the item); declare it as "
                    + "(item, out) -> ... or make it a processor");
        }
        atLeast(stage, c.threads(), 1, "threads");
        atLeast(stage, c.poolSize(), 1, "poolSize");
        atLeast(stage, c.queueSize(), 1, "queueSize");
        atLeast(stage, c.maxSize(), 1, "maxSize");
        atLeast(stage, c.retries(), 0, "retries");
        if (c.threads() != null && c.poolSize() != null && !c.threads().equals(c.poolSize())) {
            throw stageError(stage, "sets threads(" + c.threads() + ") and poolSize(" + c.poolSize()
                    + "), which mean the same thing; keep one");
        }
        if (c.unbounded() && c.queueSize() != null) {
            throw stageError(stage, "sets both queueSize and unbounded; keep one");
        }
        positive(stage, c.maxWait(), "maxWait");
        if (c.backoff() != null && c.backoff().isNegative()) {
            throw stageError(stage, "has a negative backoff (" + c.backoff() + "); use zero or a positive duration");
        }
        if (c.context() != null) {
            NamedContext named = settings.contexts().get(c.context());
            if (named == null) {
                throw stageError(stage, "selects unknown context '" + c.context() + "'; define it with "
                        + "context(\"" + c.context() + "\", ContextType.THREAD, size) (known contexts: "
                        + settings.contexts().keySet() + ")");
            }
            if (c.concurrency() != null && c.concurrency() != named.type()) {
                throw stageError(stage, "selects context '" + c.context() + "' of type " + named.type()
                        + " but also concurrency " + c.concurrency() + "; keep one");
            }
        }
        boolean inline = c.concurrency() == ContextType.INLINE || (c.context() != null
                && settings.contexts().get(c.context()).type() == ContextType.INLINE);
        if (inline && c.maxWait() != null) {
            throw stageError(stage, "is INLINE, so it has no thread of its own to flush on maxWait when no item "
                    + "arrives; drop maxWait, or let it run on its own thread (no concurrency option)");
        }
        if (c.concurrency() == ContextType.INLINE && c.requestedWorkers() != null) {
            throw stageError(stage, "is INLINE, which runs in the emitting thread, but also sets threads/poolSize; "
                    + "drop one of them");
        }
        if (c.concurrency() != null) {
            checkContextTypeAvailable(c.concurrency(), "stage '" + stage.name() + "'");
        }
        ContextType type = c.context() != null ? settings.contexts().get(c.context()).type() : c.concurrency();
        if (type == ContextType.PROCESS && (kind == StageKind.PRODUCER || kind == StageKind.LOOP)) {
            throw stageError(stage, "asks for PROCESS workers, which run processors, consumers and accumulators; "
                    + "a " + kind.label() + " runs in this JVM: drop the option, or move the work into a processor");
        }
    }

    /**
     * A remote stage: only a processor or a consumer, and nothing that chooses where it runs in this JVM (its items
     * run wherever the transport takes them).
     */
    private void checkRemote(StageDefinition stage) {
        StageConfig c = stage.config();
        String transport = "transport '" + String.valueOf(c.transport().name()) + "'";
        if (stage.kind() != StageKind.PROCESSOR && stage.kind() != StageKind.CONSUMER) {
            throw stageError(stage, "sets a " + transport + ", but only processors and consumers may run remotely; "
                    + (stage.kind() == StageKind.ACCUMULATOR ? "an " : "a ") + stage.kind().label()
                    + " runs in this JVM: drop the transport, or move the work into a processor");
        }
        List<String> conflicts = new ArrayList<>();
        if (c.concurrency() != null) {
            conflicts.add("concurrency(" + c.concurrency() + ")");
        }
        if (c.threads() != null) {
            conflicts.add("threads(" + c.threads() + ")");
        }
        if (c.poolSize() != null) {
            conflicts.add("poolSize(" + c.poolSize() + ")");
        }
        if (c.context() != null) {
            conflicts.add("context('" + c.context() + "')");
        }
        if (!conflicts.isEmpty()) {
            throw stageError(stage, "runs remotely through " + transport + " but also sets "
                    + String.join(", ", conflicts) + ", which choose where it runs in this JVM; keep the transport "
                    + "or drop it");
        }
    }

    private void checkContextTypeAvailable(ContextType type, String who) {
        if (type == ContextType.VIRTUAL && javaRelease < VIRTUAL_THREADS_RELEASE) {
            throw error("runs " + who + " on VIRTUAL threads, which need Java " + VIRTUAL_THREADS_RELEASE
                    + "+ (this is Java " + javaRelease + "); use THREAD, or run on a newer JDK");
        }
    }

    /** Whether the pipeline, or a pipeline nested in it at any depth, declares a producer. */
    static boolean hasProducer(PipelineDefinition pipeline) {
        for (StageDefinition stage : pipeline.stages()) {
            if (stage.kind() == StageKind.PRODUCER
                    || (stage.kind() == StageKind.PIPELINE && hasProducer(stage.nested()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean declaredBelow(PipelineDefinition pipeline, String name) {
        for (StageDefinition stage : pipeline.stages()) {
            if (stage.name() != null && stage.name().equals(name)) {
                return true;
            }
            if (stage.kind() == StageKind.PIPELINE && declaredBelow(stage.nested(), name)) {
                return true;
            }
        }
        return false;
    }

    private void notApplicable(StageDefinition stage, boolean set, String option, String why) {
        if (set) {
            throw stageError(stage, "sets " + option + ", which does not apply to a " + stage.kind().label()
                    + ": " + why + "; remove it");
        }
    }

    private void atLeast(Integer value, int min, String option) {
        if (value != null && value < min) {
            throw error("sets " + option + " to " + value + "; it must be at least " + min);
        }
    }

    private void atLeast(StageDefinition stage, Integer value, int min, String option) {
        if (value != null && value < min) {
            throw stageError(stage, "sets " + option + " to " + value + "; it must be at least " + min);
        }
    }

    private void positive(StageDefinition stage, Duration value, String option) {
        if (value != null && (value.isZero() || value.isNegative())) {
            throw stageError(stage, "sets " + option + " to " + value + "; it must be a positive duration");
        }
    }

    private PipelineDefinitionException error(String problem) {
        return new PipelineDefinitionException("Pipeline '" + pipeline.name() + "' " + problem);
    }

    private PipelineDefinitionException stageError(StageDefinition stage, String problem) {
        return new PipelineDefinitionException("Pipeline '" + pipeline.name() + "', " + stage + " " + problem);
    }

    static List<String> names(PipelineDefinition pipeline) {
        return pipeline.stages().stream().map(StageDefinition::name).toList();
    }
}
