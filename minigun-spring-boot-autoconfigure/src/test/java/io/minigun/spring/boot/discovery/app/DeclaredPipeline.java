package io.minigun.spring.boot.discovery.app;

import io.minigun.Output;
import io.minigun.annotation.Consumer;
import io.minigun.annotation.MinigunPipeline;
import io.minigun.annotation.Producer;

/** A pipeline declared by a {@code @Bean} method ({@link DeclaredPipelineConfiguration}). */
@MinigunPipeline(name = "declared")
public class DeclaredPipeline {

    @Producer
    void two(Output<Integer> out) {
        out.emit(2);
    }

    @Consumer
    void ignore(Integer item) {
        // nothing to keep
    }
}
