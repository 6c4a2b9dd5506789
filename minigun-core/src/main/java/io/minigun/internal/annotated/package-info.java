/**
 * Internal, no compatibility promise: The reader of annotated pipeline classes: turns {@code @MinigunPipeline} classes and stage beans into definitions.
 *
 * <p>Its public types are public only because other Minigun packages or modules use them; applications should
 * use the API packages ({@code io.minigun}, {@code io.minigun.execution}, ...) instead.
 */
package io.minigun.internal.annotated;
