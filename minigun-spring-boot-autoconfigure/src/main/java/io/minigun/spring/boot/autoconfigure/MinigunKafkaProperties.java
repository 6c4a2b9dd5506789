package io.minigun.spring.boot.autoconfigure;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings shared by the stages that run over Kafka ({@code minigun.kafka.*}). The connection itself (bootstrap
 * servers, security, client properties) is Spring Boot's {@code spring.kafka.*}; a stage opts in with
 * {@code minigun.pipelines.<name>.stages.<stage>.transport=kafka}.
 */
@ConfigurationProperties("minigun.kafka")
public class MinigunKafkaProperties {

    /** First part of the derived topic names: [prefix].[pipeline].[stage].items, .results and .dlt. */
    private String topicPrefix = "minigun";

    /** Topic that tells every instance which runs were cancelled. */
    private String controlTopic = "minigun.control";

    /** Partitions of the topics Minigun creates; bounds how many consumers share one stage's items. */
    private int partitions = 6;

    /** Replication factor of the topics Minigun creates; -1 takes the broker's default. */
    private short replicationFactor = -1;

    /** Whether Minigun creates its topics at startup (when they do not exist); false when they are provisioned. */
    private boolean createTopics = true;

    /**
     * This instance's name in results, dead letters and meters; defaults to spring.application.name (or "minigun")
     * and a random suffix, so that each instance has its own.
     */
    private @Nullable String instanceId;

    public String getTopicPrefix() {
        return topicPrefix;
    }

    public void setTopicPrefix(String topicPrefix) {
        this.topicPrefix = topicPrefix;
    }

    public String getControlTopic() {
        return controlTopic;
    }

    public void setControlTopic(String controlTopic) {
        this.controlTopic = controlTopic;
    }

    public int getPartitions() {
        return partitions;
    }

    public void setPartitions(int partitions) {
        this.partitions = partitions;
    }

    public short getReplicationFactor() {
        return replicationFactor;
    }

    public void setReplicationFactor(short replicationFactor) {
        this.replicationFactor = replicationFactor;
    }

    public boolean isCreateTopics() {
        return createTopics;
    }

    public void setCreateTopics(boolean createTopics) {
        this.createTopics = createTopics;
    }

    public @Nullable String getInstanceId() {
        return instanceId;
    }

    public void setInstanceId(@Nullable String instanceId) {
        this.instanceId = instanceId;
    }
}
