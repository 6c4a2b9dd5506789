/**
 * Internal, no compatibility promise: PROCESS stages: both sides of the frame protocol, worker JVM launch, the worker pool and the worker main class.
 *
 * <p>Its public types are public only because other Minigun packages or modules use them; applications should
 * use the API packages ({@code io.minigun}, {@code io.minigun.execution}, ...) instead.
 */
package io.minigun.internal.worker;
