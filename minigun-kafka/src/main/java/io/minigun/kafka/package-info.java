/**
 * The Kafka transport of remote stages (issue 15): a stage that runs on every instance of an application, its input
 * edge a Kafka topic. Not built yet: see {@code docs/design/kafka-transport.md}.
 */
package io.minigun.kafka;
