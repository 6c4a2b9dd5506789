/**
 * The worker SPI of PROCESS stages, which run in worker JVMs. {@link io.minigun.process.ProcessOptions} set how a
 * pipeline starts its workers (JVM arguments, keep-alive) and which {@link io.minigun.process.Codec} carries items
 * across the pipe ({@link io.minigun.process.SerializationCodec} by default, with an allow-list of packages). Front
 * ends whose stage code is not a serializable function supply a {@link io.minigun.process.StageRecipe} that tells a
 * worker how to obtain its {@link io.minigun.process.WorkerStage}. Most applications only add packages to the codec
 * or JVM arguments.
 */
@NullMarked
package io.minigun.process;

import org.jspecify.annotations.NullMarked;
