/**
 * The transport SPI of remote stages: a stage whose items leave this JVM through a message transport (Kafka, in the
 * module {@code minigun-kafka}) to be run by any instance of the application, its results coming back to the run
 * that sent them. Core knows no transport: a front end gives a stage a {@link io.minigun.remote.RemoteTransport},
 * which opens a {@link io.minigun.remote.RemoteChannel} per run; the engine hands it a
 * {@link io.minigun.remote.RemoteRun} to report each item's outcome to. Applications configure a transport (under
 * Spring, {@code transport: kafka}); only transport modules implement these types.
 */
@NullMarked
package io.minigun.remote;

import org.jspecify.annotations.NullMarked;
