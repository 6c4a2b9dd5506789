package io.minigun.internal.definition;

import io.minigun.PipelineSettings;
import io.minigun.ConcurrencySettings;
import io.minigun.NamedContext;

import io.minigun.ErrorPolicy;
import io.minigun.process.ProcessOptions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pipeline exactly as declared, before wiring and validation. Immutable.
 *
 * @param name        the pipeline name
 * @param stages      the stages in declaration order (nested pipelines are stages of kind PIPELINE)
 * @param concurrency the concurrency defaults it declared (unset fields inherit)
 * @param queueSize   the default input queue capacity it declared, or null to inherit
 * @param errorPolicy the error policy it declared, or null to inherit
 * @param contexts    the named contexts it declared
 * @param hooks       its hooks
 * @param reroutes    its reroutes, in declaration order
 * @param process     how its PROCESS stages start workers, or null to inherit
 */
public record PipelineDefinition(
        String name,
        List<StageDefinition> stages,
        ConcurrencySettings concurrency,
        Integer queueSize,
        ErrorPolicy errorPolicy,
        Map<String, NamedContext> contexts,
        Hooks hooks,
        List<Reroute> reroutes,
        ProcessOptions process) {

    /** A pipeline that inherits its process options. */
    public PipelineDefinition(String name, List<StageDefinition> stages, ConcurrencySettings concurrency,
                              Integer queueSize, ErrorPolicy errorPolicy, Map<String, NamedContext> contexts,
                              Hooks hooks, List<Reroute> reroutes) {
        this(name, stages, concurrency, queueSize, errorPolicy, contexts, hooks, reroutes, null);
    }

    /** This definition with other stages (used by front ends that override options). */
    public PipelineDefinition withStages(List<StageDefinition> newStages) {
        return new PipelineDefinition(name, newStages, concurrency, queueSize, errorPolicy, contexts, hooks, reroutes,
                process);
    }

    /** This definition with other concurrency settings. */
    public PipelineDefinition withConcurrency(ConcurrencySettings newConcurrency) {
        return new PipelineDefinition(name, stages, newConcurrency, queueSize, errorPolicy, contexts, hooks, reroutes,
                process);
    }

    /** The effective settings of this pipeline, declared inside one whose settings are {@code parent}. */
    public PipelineSettings settingsUnder(PipelineSettings parent) {
        Map<String, NamedContext> merged = new LinkedHashMap<>(parent.contexts());
        merged.putAll(contexts);
        return new PipelineSettings(
                concurrency.inheritFrom(parent.concurrency()),
                queueSize != null ? queueSize : parent.queueSize(),
                errorPolicy != null ? errorPolicy : parent.errorPolicy(),
                merged,
                process != null ? process : parent.process());
    }

    public PipelineDefinition {
        stages = List.copyOf(stages);
        contexts = Map.copyOf(contexts);
        reroutes = List.copyOf(reroutes);
    }
}
