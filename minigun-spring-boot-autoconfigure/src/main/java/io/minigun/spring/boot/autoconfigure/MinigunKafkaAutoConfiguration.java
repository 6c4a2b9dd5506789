package io.minigun.spring.boot.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.minigun.kafka.KafkaRemoting;
import io.minigun.kafka.KafkaRemotingOptions;
import io.minigun.kafka.KafkaWorkerMetrics;
import io.minigun.process.Codec;
import io.minigun.process.SerializationCodec;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import java.util.List;
import java.util.UUID;

/**
 * Runs the stages configured with {@code minigun.pipelines.<name>.stages.<stage>.transport=kafka} over Kafka: one
 * {@link KafkaRemoting} per application instance, connected through Spring Boot's {@code spring.kafka.*} properties,
 * that publishes the items of the runs this instance starts and runs its share of every instance's items. Needs
 * {@code io.minigun:minigun-kafka} and Boot's Kafka module on the class path. Items cross the topics with a
 * {@link Codec} bean when there is one, else Java serialization limited to the JDK's and the application's packages.
 * With Micrometer, the instance's work as a worker is metered ({@link KafkaWorkerMetrics}).
 */
@AutoConfiguration(before = MinigunAutoConfiguration.class,
        afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnClass({KafkaRemoting.class, KafkaProperties.class})
@ConditionalOnBooleanProperty(name = "minigun.enabled", matchIfMissing = true)
@EnableConfigurationProperties(MinigunKafkaProperties.class)
public final class MinigunKafkaAutoConfiguration {

    /** This instance's Kafka side of the remote stages; closed with the context. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    KafkaRemoting minigunKafkaRemoting(KafkaProperties kafka, MinigunKafkaProperties properties,
                                       Environment environment, ObjectProvider<Codec> codec, BeanFactory beans) {
        String instanceId = properties.getInstanceId() != null ? properties.getInstanceId()
                : environment.getProperty("spring.application.name", "minigun") + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        KafkaRemotingOptions options = new KafkaRemotingOptions(instanceId, properties.getControlTopic(),
                properties.getPartitions(), properties.getReplicationFactor(), properties.isCreateTopics(),
                codec.getIfAvailable(() -> defaultCodec(beans)));
        return new KafkaRemoting(kafka.buildProducerProperties(), kafka.buildConsumerProperties(), options);
    }

    /** What the pipeline registration uses for the stages with {@code transport: kafka}. */
    @Bean
    @ConditionalOnMissingBean
    KafkaRemoteStages minigunKafkaRemoteStages(KafkaRemoting remoting, MinigunKafkaProperties properties) {
        return new KafkaRemoteStages(remoting, properties.getTopicPrefix());
    }

    /** Starts the remote stages' consumers once the context is refreshed; stops them after the runs were cancelled. */
    @Bean
    @ConditionalOnMissingBean
    KafkaRemotingLifecycle minigunKafkaLifecycle(KafkaRemoting remoting, KafkaRemoteStages stages) {
        return new KafkaRemotingLifecycle(remoting, stages);
    }

    /** Meters of this instance's work for the remote stages it serves ({@code minigun.remote.worker.*}). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    static final class WorkerMetricsConfiguration {

        @Bean
        @ConditionalOnMissingBean
        KafkaWorkerMetrics minigunKafkaWorkerMetrics(KafkaRemoting remoting) {
            return new KafkaWorkerMetrics(remoting);
        }
    }

    private static Codec defaultCodec(BeanFactory beans) {
        List<String> packages = AutoConfigurationPackages.has(beans) ? AutoConfigurationPackages.get(beans)
                : List.of();
        return new SerializationCodec().allowing(packages);
    }
}
