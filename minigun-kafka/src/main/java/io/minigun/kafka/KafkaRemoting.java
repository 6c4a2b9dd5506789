package io.minigun.kafka;

import io.minigun.Pipeline;
import io.minigun.remote.RemoteChannel;
import io.minigun.remote.RemoteRun;
import io.minigun.remote.RemoteTransport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Remote stages over Kafka for one application instance, both sides of them. As a coordinator it gives a pipeline's
 * stage a {@link RemoteTransport} ({@link #transport}) whose runs publish their items to the stage's items topic and
 * get their results back from its results topic; as a worker it runs a stage's items ({@link #serve}) in the stage's
 * consumer group, so that every instance serving the stage shares its items while each run stays one run on the
 * instance that started it. Cancellations travel on a control topic that every instance reads.
 *
 * <p>Delivery is at-least-once: an item may run twice (on two instances) when a worker dies or is evicted, and the
 * coordinator keeps the first outcome; remote stage code should have idempotent side effects. Threads and Kafka
 * clients are named {@code minigun-kafka-<instanceId>-...}. Call {@link #transport} and {@link #serve} before
 * {@link #start()} (serve also works later), {@link #stop()} when the instance shuts down.
 */
public final class KafkaRemoting implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KafkaRemoting.class);
    /** How long start() waits for the cancellations already published before it starts the workers. */
    private static final Duration CATCH_UP = Duration.ofSeconds(10);

    private final KafkaRemotingOptions options;
    private final Map<String, Object> consumerConfig;
    private final Map<String, Object> adminConfig;
    private final DefaultKafkaProducerFactory<byte[], byte[]> producers;
    private final KafkaTemplate<byte[], byte[]> template;
    private final Cancellations cancellations = new Cancellations();
    private final ResultRouter router;
    private final List<KafkaStageTransport> transports = new CopyOnWriteArrayList<>();
    private final List<StageWorker> workers = new CopyOnWriteArrayList<>();
    /** Told about every worker, those served already and those served later (meters). */
    private final List<Consumer<StageWorker>> workerListeners = new CopyOnWriteArrayList<>();
    private PartitionReader controlReader;
    private PartitionReader resultsReader;
    private volatile boolean running;

    /**
     * An instance's remoting, not started.
     *
     * @param producerConfig the application's producer settings (e.g. Spring Boot's
     *                       {@code KafkaProperties.buildProducerProperties()}): connection, security, tuning; serdes,
     *                       {@code acks=all} and idempotence are forced
     * @param consumerConfig the application's consumer settings ({@code buildConsumerProperties()}); serdes, manual
     *                       commits, the group and its protocol are forced, {@code max.poll.records} defaults to 100
     */
    public KafkaRemoting(Map<String, Object> producerConfig, Map<String, Object> consumerConfig,
                         KafkaRemotingOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.consumerConfig = Map.copyOf(consumerConfig);
        this.adminConfig = KafkaClients.adminConfig(producerConfig, options.instanceId());
        this.producers = new DefaultKafkaProducerFactory<>(KafkaClients.producerConfig(producerConfig,
                options.instanceId()));
        this.template = new KafkaTemplate<>(producers);
        this.router = new ResultRouter(options.codec());
    }

    /** This instance's id (tags its results and dead letters). */
    public String instanceId() {
        return options.instanceId();
    }

    /**
     * The coordinator side of {@code pipeline}'s remote stage {@code stage}: give it to the stage
     * ({@code s -> s.transport(...)}) before the pipeline is built. Its name is {@code "kafka"}, its max-in-flight
     * the options'.
     *
     * @throws IllegalStateException when this remoting is already started (its results reader is fixed then)
     */
    public synchronized RemoteTransport transport(String pipeline, String stage, KafkaStageOptions options) {
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(options, "options");
        if (running) {
            throw new IllegalStateException("transport(" + pipeline + ", " + stage + ") must be called before "
                    + "KafkaRemoting.start() of instance " + instanceId());
        }
        KafkaStageTransport transport = new KafkaStageTransport(this, pipeline, stage, options);
        transports.add(transport);
        return transport;
    }

    /**
     * Makes this instance run the items of {@code pipeline}'s stage {@code stage} (a processor or consumer), in the
     * consumer group named after the stage's items topic with {@code options.consumers()} threads. Started with
     * {@link #start()}, or at once when this remoting is running.
     *
     * @throws IllegalArgumentException when the pipeline has no such processor or consumer
     */
    public synchronized void serve(Pipeline pipeline, String stage, KafkaStageOptions options) {
        StageWorker worker = new StageWorker(instanceId(), pipeline, stage, options, template, this.options.codec(),
                cancellations, consumerConfig);
        workers.add(worker);
        workerListeners.forEach(listener -> listener.accept(worker));
        if (running) {
            createTopics(KafkaTopics.stageTopics(options, this.options));
            worker.start();
        }
    }

    /**
     * Creates the topics (when the options say so), starts reading the control topic (from the beginning) and the
     * results topics (from their end: only runs started from now on are served), then the workers. Idempotent.
     *
     * @throws IllegalStateException when a topic cannot be created or does not exist; nothing is left running
     */
    public synchronized void start() {
        if (running) {
            return;
        }
        try {
            List<NewTopic> topics = new ArrayList<>();
            topics.add(KafkaTopics.controlTopic(options));
            transports.forEach(t -> topics.addAll(KafkaTopics.stageTopics(t.options(), options)));
            workers.forEach(w -> topics.addAll(KafkaTopics.stageTopics(w.options(), options)));
            Set<String> results = new LinkedHashSet<>();
            transports.forEach(t -> results.add(t.options().resultsTopic()));
            Set<String> read = new LinkedHashSet<>(results);
            read.add(options.controlTopic());
            Map<String, Integer> partitions;
            try (Admin admin = Admin.create(adminConfig)) {
                if (options.createTopics()) {
                    KafkaTopics.create(admin, topics);
                }
                partitions = KafkaTopics.partitions(admin, read);
            }
            controlReader = new PartitionReader(KafkaClients.clientId(instanceId(), "control"),
                    KafkaClients.readerConfig(consumerConfig, instanceId(), "control"),
                    partitionsOf(Set.of(options.controlTopic()), partitions), true, cancellations::accept);
            controlReader.start();
            if (!controlReader.awaitCaughtUp(CATCH_UP)) {
                log.warn("instance {}: the control topic '{}' was not read to its end within {}; workers start anyway",
                        instanceId(), options.controlTopic(), CATCH_UP);
            }
            if (!results.isEmpty()) {
                resultsReader = new PartitionReader(KafkaClients.clientId(instanceId(), "results"),
                        KafkaClients.readerConfig(consumerConfig, instanceId(), "results"),
                        partitionsOf(results, partitions), false, router::accept);
                resultsReader.start();
            }
            for (StageWorker worker : workers) {
                worker.start();
            }
            running = true;
            log.info("Minigun Kafka remoting of instance {} started: {} remote stage(s), serving {}", instanceId(),
                    transports.size(), workers.stream().map(StageWorker::group).toList());
        } catch (RuntimeException e) {
            stopAll();
            throw e;
        }
    }

    private static List<TopicPartition> partitionsOf(Set<String> topics, Map<String, Integer> partitions) {
        List<TopicPartition> all = new ArrayList<>();
        for (String topic : topics) {
            for (int p = 0; p < partitions.get(topic); p++) {
                all.add(new TopicPartition(topic, p));
            }
        }
        return all;
    }

    private void createTopics(List<NewTopic> topics) {
        if (!options.createTopics()) {
            return;
        }
        try (Admin admin = Admin.create(adminConfig)) {
            KafkaTopics.create(admin, topics);
        }
    }

    /**
     * Stops gracefully: the workers finish and commit the batch in hand and leave their groups (their partitions
     * move to the other instances), then the results and control readers stop and the producer closes. Leaves no
     * thread behind. Idempotent; a stopped remoting can be started again.
     */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        stopAll();
        log.info("Minigun Kafka remoting of instance {} stopped", instanceId());
    }

    private void stopAll() {
        for (StageWorker worker : workers) {
            try {
                worker.stop();
            } catch (RuntimeException e) {
                log.warn("stopping the worker of {} failed", worker.group(), e);
            }
        }
        if (resultsReader != null) {
            resultsReader.stop();
            resultsReader = null;
        }
        if (controlReader != null) {
            controlReader.stop();
            controlReader = null;
        }
        producers.reset(); // closes the producer and its network thread; a restart makes a new one
    }

    /** {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /** Whether {@link #start()} ran and {@link #stop()} has not. */
    public boolean isRunning() {
        return running;
    }

    // ---- for the transports, workers and tests of this package -------------------------------------------------

    RemoteChannel open(KafkaStageTransport transport, RemoteRun run) {
        if (!running) {
            throw new IllegalStateException("the Kafka remoting of instance " + instanceId() + " is not started: "
                    + "call KafkaRemoting.start() before running pipeline '" + transport.pipeline() + "'");
        }
        router.register(run);
        return new KafkaChannel(run, transport, template, options, cancellations, router, this::isRunning);
    }

    int partitionsFor(String topic) {
        return template.partitionsFor(topic).size();
    }

    Cancellations cancellations() {
        return cancellations;
    }

    ResultRouter router() {
        return router;
    }

    /** Calls {@code listener} for every worker served so far, then for each one served later. */
    synchronized void onWorker(Consumer<StageWorker> listener) {
        workerListeners.add(listener);
        workers.forEach(listener);
    }

    List<StageWorker> workers() {
        return List.copyOf(workers);
    }

    /**
     * How many partitions of the stage's items topic this instance's consumers own now, as they see it after their
     * last rebalance: 0 until the instance has joined the stage's group (or when it does not serve the stage). A
     * readiness check, and what tests wait on before a run that every instance should share.
     */
    public int assignedPartitions(String pipeline, String stage) {
        return workers.stream().filter(w -> w.serves(pipeline, stage)).mapToInt(StageWorker::assignedPartitions).sum();
    }

    /** The worker of {@code pipeline}/{@code stage} on this instance. */
    StageWorker worker(String pipeline, String stage) {
        return workers.stream().filter(w -> w.serves(pipeline, stage)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("instance " + instanceId() + " does not serve "
                        + pipeline + "/" + stage));
    }
}
