package io.minigun.examples.pipelines;

import io.minigun.Minigun;
import io.minigun.Output;
import io.minigun.examples.Examples;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Ruby {@code 07_multi_pipeline_data_processing.rb}: a validate stage drops invalid events and routes each valid one
 * by name ({@code out.to("process_fast")}) to a stage inside one of two nested pipelines.
 */
public final class DataProcessing {

    private DataProcessing() {
    }

    public record Event(int id, boolean highPriority) {
        boolean valid() {
            return id % 4 != 0;
        }
    }

    public record Outcome(List<Integer> ingested, List<Integer> invalid, List<Integer> valid, List<Integer> fast,
                          List<Integer> slow) {
    }

    public static Outcome run() {
        List<Integer> ingested = new CopyOnWriteArrayList<>();
        List<Integer> invalid = new CopyOnWriteArrayList<>();
        List<Integer> valid = new CopyOnWriteArrayList<>();
        List<Integer> fast = new CopyOnWriteArrayList<>();
        List<Integer> slow = new CopyOnWriteArrayList<>();
        Examples.ok(Minigun.pipeline("data-processing")
                .producer("ingest", out -> {
                    for (int i = 0; i < 10; i++) {
                        ingested.add(i);
                        out.emit(new Event(i, i % 3 == 0));
                    }
                })
                .processor("validate", (Event e, Output<Event> out) -> {
                    if (!e.valid()) {
                        invalid.add(e.id());
                        return;
                    }
                    valid.add(e.id());
                    out.to(e.highPriority() ? "process_fast" : "process_slow").emit(e);
                })
                .pipeline("fast_lane", p -> p.consumer("process_fast", (Event e) -> fast.add(e.id())))
                .pipeline("slow_lane", p -> p.consumer("process_slow", (Event e) -> slow.add(e.id())))
                .build()
                .run());
        return new Outcome(List.copyOf(ingested), List.copyOf(invalid), List.copyOf(valid), List.copyOf(fast),
                List.copyOf(slow));
    }

    public static void main(String[] args) {
        Outcome o = run();
        System.out.println("Ingested " + o.ingested().size() + ", invalid " + o.invalid() + ", valid " + o.valid());
        System.out.println("Fast lane " + o.fast() + ", slow lane " + o.slow());
    }
}
