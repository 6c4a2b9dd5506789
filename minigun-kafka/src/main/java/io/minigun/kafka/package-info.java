/**
 * The Kafka transport of remote stages (issue 15): a stage whose input edge is a Kafka topic, so that every instance
 * of an application (one consumer group per stage) runs its items while each run stays one run on the instance that
 * started it. {@link io.minigun.kafka.KafkaRemoting} is the entry point: {@code transport(...)} on the coordinator
 * side, {@code serve(...)} on the worker side. See {@code docs/design/kafka-transport.md}.
 */
package io.minigun.kafka;
