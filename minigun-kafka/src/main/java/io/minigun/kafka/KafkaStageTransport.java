package io.minigun.kafka;

import io.minigun.remote.RemoteChannel;
import io.minigun.remote.RemoteRun;
import io.minigun.remote.RemoteTransport;

/**
 * The coordinator's side of one remote stage: each run opens a {@link KafkaChannel} on the stage's items topic, its
 * results come back through the instance's {@link ResultRouter}.
 */
final class KafkaStageTransport implements RemoteTransport {
    private final KafkaRemoting remoting;
    private final String pipeline;
    private final String stage;
    private final KafkaStageOptions options;
    private volatile int itemPartitions;

    KafkaStageTransport(KafkaRemoting remoting, String pipeline, String stage, KafkaStageOptions options) {
        this.remoting = remoting;
        this.pipeline = pipeline;
        this.stage = stage;
        this.options = options;
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public int maxInFlight() {
        return options.maxInFlight();
    }

    KafkaStageOptions options() {
        return options;
    }

    String pipeline() {
        return pipeline;
    }

    String stage() {
        return stage;
    }

    /** @throws IllegalStateException when the instance's remoting is not started (the stage then fails) */
    @Override
    public RemoteChannel open(RemoteRun run) {
        return remoting.open(this, run);
    }

    /** Partitions of the items topic, looked up once (from the producer's metadata). */
    int itemPartitions() {
        int known = itemPartitions;
        if (known == 0) {
            known = Math.max(1, remoting.partitionsFor(options.itemsTopic()));
            itemPartitions = known;
        }
        return known;
    }

    @Override
    public String toString() {
        return "kafka transport of " + pipeline + "/" + stage + " (" + options.itemsTopic() + ")";
    }
}
