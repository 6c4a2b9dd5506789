package io.minigun.spring.boot.processapp;

import io.minigun.ContextType;
import io.minigun.Output;
import io.minigun.annotation.Consumer;
import io.minigun.annotation.MinigunPipeline;
import io.minigun.annotation.Processor;
import io.minigun.annotation.Producer;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Numbers greeted in PROCESS workers by an injected {@link Greeter}; each greeting carries the worker's PID and the
 * run parameter {@code tag} as the worker sees it ({@code -} when the run has none).
 */
@Component
@MinigunPipeline(name = "greetings")
public class GreetingPipeline {
    private final Greeter greeter;
    private final List<String> received = Collections.synchronizedList(new ArrayList<>());

    public GreetingPipeline(Greeter greeter) {
        this.greeter = greeter;
    }

    @Producer
    void numbers(Output<Integer> out) {
        for (int i = 0; i < 40; i++) {
            out.emit(i);
        }
    }

    @Processor(concurrency = ContextType.PROCESS, poolSize = 2)
    void greet(Integer n, Output<String> out) {
        Object tag = out.context().parameters().getOrDefault("tag", "-");
        out.emit(greeter.greet(n) + " in " + tag + " from " + ProcessHandle.current().pid());
    }

    @Consumer
    void collect(String greeting) {
        received.add(greeting);
    }

    List<String> received() {
        return received;
    }
}
