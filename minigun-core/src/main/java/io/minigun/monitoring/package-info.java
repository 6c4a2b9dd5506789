/**
 * Watching runs of a {@link io.minigun.execution.PipelineExecutor}: periodic progress lines
 * ({@link io.minigun.monitoring.ProgressReporter}) and the last result of every pipeline
 * ({@link io.minigun.monitoring.RunHistory}). Both are {@link io.minigun.execution.RunListener}s.
 */
@NullMarked
package io.minigun.monitoring;

import org.jspecify.annotations.NullMarked;
