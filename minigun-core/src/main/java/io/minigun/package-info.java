/**
 * Declaring and running pipelines. Start with {@link io.minigun.Minigun#pipeline(String)}, add stages to the
 * {@link io.minigun.PipelineBuilder} as stage functions ({@link io.minigun.ProducerFunction},
 * {@link io.minigun.ProcessorFunction}, {@link io.minigun.MapFunction}, {@link io.minigun.AccumulatorFunction},
 * {@link io.minigun.ConsumerFunction}, {@link io.minigun.LoopFunction}) with options set on a
 * {@link io.minigun.StageSpec}, then {@code build()} a validated {@link io.minigun.Pipeline}. Running it gives a
 * {@link io.minigun.RunResult} (or a {@link io.minigun.PipelineRun} to await, watch or cancel) with the run's stats
 * and {@link io.minigun.ItemFailure}s. {@link io.minigun.Minigun#fromAnnotated(Object)} builds a pipeline from a
 * class annotated with {@link io.minigun.annotation.MinigunPipeline} instead.
 *
 * <p>Types are non-null unless annotated {@code @Nullable} (JSpecify).
 */
@NullMarked
package io.minigun;

import org.jspecify.annotations.NullMarked;
