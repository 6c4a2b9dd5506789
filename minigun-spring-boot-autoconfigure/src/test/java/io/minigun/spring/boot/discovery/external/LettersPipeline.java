package io.minigun.spring.boot.discovery.external;

import io.minigun.Output;
import io.minigun.annotation.Consumer;
import io.minigun.annotation.MinigunPipeline;
import io.minigun.annotation.Producer;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A pipeline outside the application's packages: found only by {@code @MinigunPipelineScan}. */
@MinigunPipeline(name = "letters")
public class LettersPipeline {
    private final List<String> collected = new CopyOnWriteArrayList<>();

    @Producer
    void letters(Output<String> out) {
        out.emit("a");
        out.emit("b");
    }

    @Consumer
    void collect(String letter) {
        collected.add(letter);
    }

    public List<String> collected() {
        return collected;
    }
}
