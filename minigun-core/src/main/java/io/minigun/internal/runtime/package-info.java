/**
 * Internal, no compatibility promise: The engine that runs a plan: stage runtimes, queues, lanes, termination, failures and stats.
 *
 * <p>Its public types are public only because other Minigun packages or modules use them; applications should
 * use the API packages ({@code io.minigun}, {@code io.minigun.execution}, ...) instead.
 */
package io.minigun.internal.runtime;
