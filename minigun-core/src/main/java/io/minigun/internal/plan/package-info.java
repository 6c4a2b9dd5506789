/**
 * Internal, no compatibility promise: The planner: decides each stage's context, workers, queue and colocation (the model behind {@code ExecutionPlan}).
 *
 * <p>Its public types are public only because other Minigun packages or modules use them; applications should
 * use the API packages ({@code io.minigun}, {@code io.minigun.execution}, ...) instead.
 */
package io.minigun.internal.plan;
