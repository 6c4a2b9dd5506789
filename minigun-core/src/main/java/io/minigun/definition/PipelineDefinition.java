package io.minigun.definition;

import io.minigun.ErrorPolicy;

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
 */
public record PipelineDefinition(
        String name,
        List<StageDefinition> stages,
        ConcurrencySettings concurrency,
        Integer queueSize,
        ErrorPolicy errorPolicy,
        Map<String, NamedContext> contexts,
        Hooks hooks,
        List<Reroute> reroutes) {

    public PipelineDefinition {
        stages = List.copyOf(stages);
        contexts = Map.copyOf(contexts);
        reroutes = List.copyOf(reroutes);
    }
}
