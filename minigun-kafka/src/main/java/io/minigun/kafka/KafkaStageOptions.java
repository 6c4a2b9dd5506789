package io.minigun.kafka;

/**
 * The Kafka settings of one remote stage: the topics its items, results and dead letters travel on, how many of one
 * run's items may be in flight, and how many consumer threads each serving instance runs for it. Checked when made, so
 * a bad topic name fails at startup, naming the setting.
 *
 * @param itemsTopic      where the coordinator publishes the stage's items (shared by all runs of the stage)
 * @param resultsTopic    where workers publish one result record per item
 * @param deadLetterTopic where workers publish items that failed for good, unchanged, with the reason in headers
 * @param maxInFlight     items of one run sent and not yet settled, at most (backpressure), at least 1
 * @param consumers       consumer threads per serving instance (the worker container's concurrency), at least 1
 */
public record KafkaStageOptions(String itemsTopic, String resultsTopic, String deadLetterTopic, int maxInFlight,
                                int consumers) {

    /** The max-in-flight of {@link #defaults}. */
    public static final int DEFAULT_MAX_IN_FLIGHT = 1000;

    public KafkaStageOptions {
        KafkaTopics.requireLegal("itemsTopic", itemsTopic);
        KafkaTopics.requireLegal("resultsTopic", resultsTopic);
        KafkaTopics.requireLegal("deadLetterTopic", deadLetterTopic);
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1, was " + maxInFlight);
        }
        if (consumers < 1) {
            throw new IllegalArgumentException("consumers must be at least 1, was " + consumers);
        }
    }

    /**
     * The stage's topics {@code <prefix>.<pipeline>.<stage>.items}, {@code .results} and {@code .dlt} (the {@code /}
     * of a nested stage path becomes {@code .}), max-in-flight 1000, one consumer.
     *
     * @throws IllegalArgumentException when a derived name is not a legal topic name
     */
    public static KafkaStageOptions defaults(String topicPrefix, String pipeline, String stage) {
        String base = KafkaTopics.stageBase(topicPrefix, pipeline, stage);
        return new KafkaStageOptions(base + ".items", base + ".results", base + ".dlt", DEFAULT_MAX_IN_FLIGHT, 1);
    }

    /** These options with another max-in-flight. */
    public KafkaStageOptions withMaxInFlight(int maxInFlight) {
        return new KafkaStageOptions(itemsTopic, resultsTopic, deadLetterTopic, maxInFlight, consumers);
    }

    /** These options with another number of consumer threads per instance. */
    public KafkaStageOptions withConsumers(int consumers) {
        return new KafkaStageOptions(itemsTopic, resultsTopic, deadLetterTopic, maxInFlight, consumers);
    }
}
