package io.minigun.liveview;

import io.minigun.Affinity;
import io.minigun.Output;
import io.minigun.annotation.Consumer;
import io.minigun.annotation.MinigunPipeline;
import io.minigun.annotation.Processor;
import io.minigun.annotation.Producer;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code read → parse → save → audit}: {@code save} takes 4 ms an item on one thread behind a queue of 40, so that
 * queue fills at once (its edge is red), {@code parse} waits on it and {@code save} is the bottleneck; {@code audit}
 * fails every 25th item. The run goes on until it is cancelled.
 */
@MinigunPipeline(name = "slowImport")
public class SlowImportPipeline {
    static final int SAVE_QUEUE = 40;

    @Producer
    void read(Output<Long> out) {
        for (long i = 0; !out.context().isCancelled(); i++) {
            out.emit(i);
        }
    }

    @Processor(affinity = Affinity.INDEPENDENT)
    String parse(Long n) {
        return "record-" + n;
    }

    @Processor(threads = 1, queueSize = SAVE_QUEUE)
    String save(String record) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(4));
        return record;
    }

    @Consumer
    void audit(String record) {
        if (Long.parseLong(record.substring("record-".length())) % 25 == 0) {
            throw new IllegalStateException("audit refused " + record);
        }
    }
}
