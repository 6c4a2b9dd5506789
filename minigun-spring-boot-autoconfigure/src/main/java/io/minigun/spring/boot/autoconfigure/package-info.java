/**
 * Spring Boot auto-configuration for Minigun: discovery of {@code @MinigunPipeline} and standalone stage classes, the
 * {@link io.minigun.execution.PipelineExecutor} bean, {@code minigun.*} properties, metrics, the actuator endpoint
 * and graceful shutdown.
 */
@NullMarked
package io.minigun.spring.boot.autoconfigure;

import org.jspecify.annotations.NullMarked;
