package io.minigun.spring.boot.discovery.worker;

import io.minigun.ContextType;
import io.minigun.Output;
import io.minigun.annotation.Consumer;
import io.minigun.annotation.MinigunPipeline;
import io.minigun.annotation.Processor;
import io.minigun.annotation.Producer;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** 0..9 labelled with the PID of the worker JVM that handled them; no {@code @Component}. */
@MinigunPipeline(name = "whereabouts")
public class WhereaboutsPipeline {
    private final Labeler labeler;
    private final List<String> labels = new CopyOnWriteArrayList<>();

    public WhereaboutsPipeline(Labeler labeler) {
        this.labeler = labeler;
    }

    @Producer
    void numbers(Output<Integer> out) {
        for (int n = 0; n < 10; n++) {
            out.emit(n);
        }
    }

    @Processor(concurrency = ContextType.PROCESS, poolSize = 1)
    String label(Integer n) {
        return labeler.label(n);
    }

    @Consumer
    void keep(String label) {
        labels.add(label);
    }

    public List<String> labels() {
        return labels;
    }
}
