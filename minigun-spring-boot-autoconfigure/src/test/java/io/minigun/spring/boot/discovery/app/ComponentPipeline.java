package io.minigun.spring.boot.discovery.app;

import io.minigun.Output;
import io.minigun.annotation.Consumer;
import io.minigun.annotation.MinigunPipeline;
import io.minigun.annotation.Producer;
import org.springframework.stereotype.Component;

/** A pipeline that is also a {@code @Component}: found by component scanning and by the pipeline scan. */
@Component
@MinigunPipeline(name = "components")
public class ComponentPipeline {

    @Producer
    void one(Output<String> out) {
        out.emit("component");
    }

    @Consumer
    void drop(String item) {
        // nothing to keep
    }
}
