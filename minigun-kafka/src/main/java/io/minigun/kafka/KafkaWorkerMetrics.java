package io.minigun.kafka;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Micrometer meters of what this instance did as a worker of remote stages (the coordinator's view of a remote stage
 * is in its run's stats and {@code minigun.stage.*} meters), tagged {@code pipeline}, {@code stage} and
 * {@code instance}, for every stage the instance serves, whenever it starts serving it:
 * <ul>
 *   <li>{@value #ITEMS} (function counter; tag {@code outcome}: {@code success}, {@code failure}, or {@code skipped}
 *       for items of a cancelled run that were not run);</li>
 *   <li>{@value #DURATION} (function timer): time the succeeded items spent in stage code;</li>
 *   <li>{@value #DEAD_LETTERS} (function counter): items published to the stage's dead-letter topic.</li>
 * </ul>
 * They read the worker's own totals: nothing is added to the per-item path. Needs {@code micrometer-core}.
 */
public final class KafkaWorkerMetrics implements MeterBinder {
    /** Items this instance handled as a worker of a remote stage, by outcome. */
    public static final String ITEMS = "minigun.remote.worker.items";
    /** Time the items this instance ran successfully spent in stage code. */
    public static final String DURATION = "minigun.remote.worker.duration";
    /** Items this instance published to a stage's dead-letter topic. */
    public static final String DEAD_LETTERS = "minigun.remote.worker.dead.letters";

    private final KafkaRemoting remoting;

    /** Meters of the stages that {@code remoting} serves on this instance, registered by {@link #bindTo}. */
    public KafkaWorkerMetrics(KafkaRemoting remoting) {
        this.remoting = remoting;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        remoting.onWorker(worker -> register(registry, worker));
    }

    private void register(MeterRegistry registry, StageWorker worker) {
        Tags tags = Tags.of("pipeline", worker.pipeline(), "stage", worker.stage(), "instance", remoting.instanceId());
        counter(registry, worker.succeeded, tags.and("outcome", "success"));
        counter(registry, worker.failed, tags.and("outcome", "failure"));
        counter(registry, worker.skipped, tags.and("outcome", "skipped"));
        FunctionTimer.builder(DURATION, worker, w -> w.succeeded.sum(), w -> w.succeededNanos.sum(),
                        TimeUnit.NANOSECONDS)
                .description("Time the items a Minigun instance ran as a worker of a remote stage spent in stage code")
                .tags(tags).register(registry);
        FunctionCounter.builder(DEAD_LETTERS, worker.deadLettered, LongAdder::sum)
                .description("Items a Minigun instance published to a remote stage's dead-letter topic")
                .baseUnit("items").tags(tags).register(registry);
    }

    private static void counter(MeterRegistry registry, LongAdder count, Tags tags) {
        FunctionCounter.builder(ITEMS, count, LongAdder::sum)
                .description("Items a Minigun instance handled as a worker of a remote stage, by outcome")
                .baseUnit("items").tags(tags).register(registry);
    }
}
