package io.minigun.spring.boot.testapp;

import io.minigun.Output;
import io.minigun.annotation.Consumer;
import io.minigun.annotation.MinigunPipeline;
import io.minigun.annotation.Producer;
import org.springframework.stereotype.Component;

import java.util.concurrent.CountDownLatch;

/** Emits three items, then waits until it is cancelled: a run that stays active for the endpoint tests. */
@Component
@MinigunPipeline(name = "endless")
public class EndlessPipeline {

    @Producer
    void generate(Output<Integer> out) throws InterruptedException {
        out.emit(1);
        out.emit(2);
        out.emit(3);
        new CountDownLatch(1).await();
    }

    @Consumer
    void drop(Integer item) {
        // nothing to do
    }
}
