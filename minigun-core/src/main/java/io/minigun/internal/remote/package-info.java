/**
 * Internal, no compatibility promise: the engine side of remote stages (items sent through a
 * {@link io.minigun.remote.RemoteTransport}): the window of items in flight, which is also the dedup of results.
 *
 * <p>Its public types are public only because other Minigun packages or modules use them; applications should
 * use the API packages ({@code io.minigun}, {@code io.minigun.remote}, ...) instead.
 */
package io.minigun.internal.remote;
