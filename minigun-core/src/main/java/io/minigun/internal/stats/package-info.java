/**
 * Internal, no compatibility promise: Latency sampling helpers shared by the engine and the workers.
 *
 * <p>Its public types are public only because other Minigun packages or modules use them; applications should
 * use the API packages ({@code io.minigun}, {@code io.minigun.execution}, ...) instead.
 */
package io.minigun.internal.stats;
