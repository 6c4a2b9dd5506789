package io.minigun.liveviewsecured;

import io.minigun.Output;
import io.minigun.annotation.Consumer;
import io.minigun.annotation.MinigunPipeline;
import io.minigun.annotation.Producer;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** {@code read → save}: 2 ms an item, until the run is cancelled. */
@MinigunPipeline(name = "securedImport")
public class SecuredImportPipeline {

    @Producer
    void read(Output<Long> out) {
        for (long i = 0; !out.context().isCancelled(); i++) {
            out.emit(i);
        }
    }

    @Consumer(threads = 1)
    void save(Long n) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
    }
}
