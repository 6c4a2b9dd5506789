/**
 * Pipelines declared as annotated classes. A class annotated {@link io.minigun.annotation.MinigunPipeline} declares
 * one pipeline: its methods annotated {@link io.minigun.annotation.Producer}, {@link io.minigun.annotation.Processor},
 * {@link io.minigun.annotation.Accumulator}, {@link io.minigun.annotation.Consumer} or
 * {@link io.minigun.annotation.Stage} are its stages, wired in source declaration order, and methods annotated
 * {@link io.minigun.annotation.BeforeRun}, {@link io.minigun.annotation.AfterRun} and the other hook annotations are
 * its hooks. A class annotated with a stage annotation whose {@code pipeline} attribute names a pipeline joins it as
 * a standalone stage. Build one with {@link io.minigun.Minigun#fromAnnotated(Object)}, or let the Spring Boot starter
 * find and register them.
 */
@NullMarked
package io.minigun.annotation;

import org.jspecify.annotations.NullMarked;
