/**
 * Micrometer support for Minigun: {@link io.minigun.metrics.MinigunMeterBinder} publishes per-stage and per-pipeline
 * meters of a {@link io.minigun.execution.PipelineExecutor}. Needs {@code micrometer-core}, an optional dependency
 * of {@code minigun-core}.
 */
@NullMarked
package io.minigun.metrics;

import org.jspecify.annotations.NullMarked;
