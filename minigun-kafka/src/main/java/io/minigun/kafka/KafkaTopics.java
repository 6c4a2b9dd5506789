package io.minigun.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/** Topic names (derivation, legality) and topic creation and description through the Kafka admin API. */
final class KafkaTopics {
    /** What Kafka accepts in a topic name (besides the length, and not "." or ".."). */
    private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]+");
    static final int MAX_LENGTH = 249;
    private static final long ADMIN_TIMEOUT_SECONDS = 30;

    private KafkaTopics() {
    }

    /** Throws naming {@code what} and the value when {@code topic} is not a legal Kafka topic name. */
    static void requireLegal(String what, String topic) {
        if (topic == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        if (topic.isEmpty() || topic.length() > MAX_LENGTH || !LEGAL.matcher(topic).matches()
                || topic.equals(".") || topic.equals("..")) {
            throw new IllegalArgumentException(what + " '" + topic + "' is not a legal Kafka topic name: it must be 1 to "
                    + MAX_LENGTH + " characters of [a-zA-Z0-9._-], and not '.' or '..' (length " + topic.length() + ")");
        }
    }

    /** {@code <prefix>.<pipeline>.<stage>}, the {@code /} of a nested stage path made {@code .}. */
    static String stageBase(String topicPrefix, String pipeline, String stage) {
        return topicPrefix + "." + pipeline + "." + stage.replace('/', '.');
    }

    /**
     * The consumer group of a stage's workers, named after its items topic: two deployments that keep their items
     * apart (another topic prefix) never share a group either.
     */
    static String workerGroup(KafkaStageOptions stage) {
        return stage.itemsTopic();
    }

    /** A remote stage's topics, created with the instance's partitions. */
    static List<NewTopic> stageTopics(KafkaStageOptions stage, KafkaRemotingOptions options) {
        List<NewTopic> topics = new ArrayList<>();
        for (String name : List.of(stage.itemsTopic(), stage.resultsTopic(), stage.deadLetterTopic())) {
            topics.add(new NewTopic(name, Optional.of(options.partitions()), replication(options)));
        }
        return topics;
    }

    /** The control topic: one partition (cancellations are few), compacted and deleted after a day. */
    static NewTopic controlTopic(KafkaRemotingOptions options) {
        return new NewTopic(options.controlTopic(), Optional.of(1), replication(options))
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT + ","
                                + TopicConfig.CLEANUP_POLICY_DELETE,
                        TopicConfig.RETENTION_MS_CONFIG, Long.toString(Duration.ofDays(1).toMillis())));
    }

    private static Optional<Short> replication(KafkaRemotingOptions options) {
        return options.replicationFactor() == -1 ? Optional.empty() : Optional.of(options.replicationFactor());
    }

    /** Creates the topics that do not exist yet (one of the same name existing is fine). */
    static void create(Admin admin, Collection<NewTopic> topics) {
        Map<String, NewTopic> byName = new HashMap<>();
        topics.forEach(t -> byName.putIfAbsent(t.name(), t));
        var futures = admin.createTopics(byName.values()).values();
        for (var entry : futures.entrySet()) {
            try {
                entry.getValue().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create topic '" + entry.getKey() + "': " + e.getCause(),
                            e.getCause());
                }
            } catch (TimeoutException e) {
                throw new IllegalStateException("creating topic '" + entry.getKey() + "' timed out", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while creating topic '" + entry.getKey() + "'", e);
            }
        }
    }

    /**
     * How many partitions each topic has, waiting (up to 30 s) for topics just created to show up in the metadata.
     *
     * @throws IllegalStateException naming the topic when one does not exist
     */
    static Map<String, Integer> partitions(Admin admin, Set<String> names) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ADMIN_TIMEOUT_SECONDS);
        while (true) {
            try {
                Map<String, TopicDescription> descriptions = admin.describeTopics(names).allTopicNames()
                        .get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                Map<String, Integer> partitions = new HashMap<>();
                descriptions.forEach((name, description) -> partitions.put(name, description.partitions().size()));
                return partitions;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw new IllegalStateException("cannot describe the topics " + names + " (create them, or let "
                            + "Minigun create them with createTopics=true): " + e.getCause(), e.getCause());
                }
            } catch (TimeoutException e) {
                throw new IllegalStateException("describing the topics " + names + " timed out", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while describing the topics " + names, e);
            }
            try {
                Thread.sleep(100); // metadata of a topic just created reaches every broker shortly
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while describing the topics " + names, e);
            }
        }
    }
}
