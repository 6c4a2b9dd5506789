package io.minigun.spring.boot.autoconfigure;

import io.minigun.internal.worker.WorkerMain;
import io.minigun.kafka.KafkaRemoting;
import org.springframework.context.SmartLifecycle;

/**
 * Starts this instance's Kafka side of the remote stages once the context is refreshed (topics, result and control
 * listeners, this instance's consumers of the remote stages' items), and stops it on shutdown after
 * {@link MinigunLifecycle} has cancelled the active runs, so their cancellations are still published. An application
 * with no stage over Kafka never connects, and neither does a PROCESS worker JVM, which starts the application only
 * to take one stage from it.
 */
final class KafkaRemotingLifecycle implements SmartLifecycle {
    private final KafkaRemoting remoting;
    private final KafkaRemoteStages stages;

    KafkaRemotingLifecycle(KafkaRemoting remoting, KafkaRemoteStages stages) {
        this.remoting = remoting;
        this.stages = stages;
    }

    @Override
    public void start() {
        if (stages.isUsed() && !Boolean.getBoolean(WorkerMain.WORKER_PROPERTY)) {
            remoting.start();
        }
    }

    @Override
    public void stop() {
        remoting.stop();
    }

    @Override
    public boolean isRunning() {
        return remoting.isRunning();
    }

    @Override
    public int getPhase() {
        return MinigunLifecycle.PHASE - 1;
    }
}
