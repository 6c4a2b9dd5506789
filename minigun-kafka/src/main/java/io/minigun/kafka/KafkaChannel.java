package io.minigun.kafka;

import io.minigun.process.Codec;
import io.minigun.remote.RemoteChannel;
import io.minigun.remote.RemoteRun;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import java.io.IOException;
import java.util.function.BooleanSupplier;

/**
 * One run's channel to a remote stage: publishes each item to the items topic (key = run id, partition = seq modulo
 * the partitions, so even a small run spreads over the workers), cancels the run on the control topic, and
 * unregisters the run from the result router when closed.
 */
final class KafkaChannel implements RemoteChannel {
    private static final Logger log = LoggerFactory.getLogger(KafkaChannel.class);

    private final RemoteRun run;
    private final KafkaStageTransport transport;
    private final KafkaTemplate<byte[], byte[]> template;
    private final Codec codec;
    private final String instanceId;
    private final String controlTopic;
    private final Cancellations cancellations;
    private final ResultRouter router;
    private final byte[] runKey;
    /** The run's parameters, encoded once; null when it has none (no header then). */
    private final byte @Nullable [] parameters;
    private final @Nullable IOException parametersError;
    /** Whether the instance's remoting still runs: once stopped, nothing is published (no producer is reopened). */
    private final BooleanSupplier open;

    KafkaChannel(RemoteRun run, KafkaStageTransport transport, KafkaTemplate<byte[], byte[]> template,
                 KafkaRemotingOptions options, Cancellations cancellations, ResultRouter router, BooleanSupplier open) {
        this.run = run;
        this.open = open;
        this.transport = transport;
        this.template = template;
        this.codec = options.codec();
        this.instanceId = options.instanceId();
        this.controlTopic = options.controlTopic();
        this.cancellations = cancellations;
        this.router = router;
        this.runKey = MinigunHeaders.utf8(run.runId());
        byte[] encoded = null;
        IOException error = null;
        if (!run.parameters().isEmpty()) {
            try {
                encoded = CodecBytes.encodeParameters(codec, run.parameters());
            } catch (IOException e) {
                error = e;
            }
        }
        this.parameters = encoded;
        this.parametersError = error;
    }

    @Override
    public void send(long seq, Object item) {
        if (!open.getAsBoolean()) {
            run.failure(seq, new IllegalStateException("the Kafka remoting of instance " + instanceId + " was stopped: "
                    + "item " + seq + " of remote stage '" + transport.stage() + "' cannot be sent"), 1, instanceId);
            return;
        }
        if (parametersError != null) {
            run.failure(seq, new IllegalArgumentException("the parameters of run " + run.runId() + " cannot be "
                    + "encoded for remote stage '" + transport.stage() + "': " + parametersError.getMessage(),
                    parametersError), 1, instanceId);
            return;
        }
        byte[] value;
        try {
            value = CodecBytes.encode(codec, item);
        } catch (IOException e) {
            run.failure(seq, new IllegalArgumentException("item " + seq + " of remote stage '" + transport.stage()
                    + "' cannot be encoded: " + e.getMessage(), e), 1, instanceId);
            return;
        }
        String topic = transport.options().itemsTopic();
        RecordHeaders headers = new RecordHeaders();
        headers.add(MinigunHeaders.RUN, runKey);
        headers.add(MinigunHeaders.SEQ, MinigunHeaders.int64(seq));
        headers.add(MinigunHeaders.REPLY, MinigunHeaders.utf8(transport.options().resultsTopic()));
        if (parameters != null) {
            headers.add(MinigunHeaders.PARAMS, parameters);
        }
        int partition = (int) Math.floorMod(seq, (long) transport.itemPartitions());
        template.send(new ProducerRecord<>(topic, partition, runKey, value, headers)).whenComplete((sent, error) -> {
            if (error != null) {
                run.failure(seq, new IllegalStateException("item " + seq + " of run " + run.runId()
                        + " could not be published to topic '" + topic + "': " + error.getMessage(), error), 1,
                        instanceId);
            }
        });
    }

    @Override
    public void cancel() {
        cancellations.add(run.runId());
        if (!open.getAsBoolean()) {
            log.warn("the Kafka remoting of instance {} was stopped: the cancellation of run {} is not published",
                    instanceId, run.runId());
            return;
        }
        RecordHeaders headers = new RecordHeaders();
        headers.add(MinigunHeaders.PIPELINE, MinigunHeaders.utf8(transport.pipeline()));
        headers.add(MinigunHeaders.STAGE, MinigunHeaders.utf8(transport.stage()));
        headers.add(MinigunHeaders.INSTANCE, MinigunHeaders.utf8(instanceId));
        template.send(new ProducerRecord<>(controlTopic, null, runKey, MinigunHeaders.utf8(MinigunHeaders.CANCELLED),
                headers)).whenComplete((sent, error) -> {
                    if (error != null) {
                        log.warn("could not publish the cancellation of run {} to '{}': workers will run its "
                                + "remaining items for nothing", run.runId(), controlTopic, error);
                    }
                });
    }

    @Override
    public void close() {
        router.unregister(run.runId());
    }
}
