package io.minigun.spring.boot.autoconfigure;

import io.minigun.Pipeline;

/**
 * Told about every pipeline of the {@link io.minigun.execution.PipelineExecutor} once the auto-configuration has
 * discovered, built and registered the pipelines at startup (before the application is ready). Declare beans of this
 * type to react to it; the metrics auto-configuration uses one to register every stage's meters up front.
 */
@FunctionalInterface
public interface PipelineRegistrationListener {

    /** The pipeline is built, validated and registered under its name. */
    void registered(Pipeline pipeline);
}
