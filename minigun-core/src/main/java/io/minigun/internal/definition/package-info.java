/**
 * Internal, no compatibility promise: The declared pipeline model (definition records), its validation and the wired graph.
 *
 * <p>Its public types are public only because other Minigun packages or modules use them; applications should
 * use the API packages ({@code io.minigun}, {@code io.minigun.execution}, ...) instead.
 */
package io.minigun.internal.definition;
