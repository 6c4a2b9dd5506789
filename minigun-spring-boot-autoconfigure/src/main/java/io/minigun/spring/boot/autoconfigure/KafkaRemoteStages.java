package io.minigun.spring.boot.autoconfigure;

import io.minigun.Pipeline;
import io.minigun.kafka.KafkaRemoting;
import io.minigun.kafka.KafkaStageOptions;
import io.minigun.remote.RemoteTransport;

/** The stages with {@code transport: kafka}, run through this instance's {@link KafkaRemoting}. */
final class KafkaRemoteStages implements RemoteStages {
    private final KafkaRemoting remoting;
    private final String topicPrefix;
    /** Whether any pipeline has a stage over Kafka: if none, this instance never connects to Kafka. */
    private volatile boolean used;

    KafkaRemoteStages(KafkaRemoting remoting, String topicPrefix) {
        this.remoting = remoting;
        this.topicPrefix = topicPrefix;
    }

    @Override
    public RemoteTransport transport(String pipeline, String stage, MinigunProperties.StageKafka settings) {
        used = true;
        return remoting.transport(pipeline, stage, options(pipeline, stage, settings));
    }

    @Override
    public void serve(Pipeline pipeline, String stage, MinigunProperties.StageKafka settings) {
        remoting.serve(pipeline, stage, options(pipeline.name(), stage, settings));
    }

    boolean isUsed() {
        return used;
    }

    private KafkaStageOptions options(String pipeline, String stage, MinigunProperties.StageKafka settings) {
        KafkaStageOptions derived = KafkaStageOptions.defaults(topicPrefix, pipeline, stage);
        return new KafkaStageOptions(
                settings.getItemsTopic() != null ? settings.getItemsTopic() : derived.itemsTopic(),
                settings.getResultsTopic() != null ? settings.getResultsTopic() : derived.resultsTopic(),
                settings.getDeadLetterTopic() != null ? settings.getDeadLetterTopic() : derived.deadLetterTopic(),
                settings.getMaxInFlight(), settings.getConsumers());
    }
}
