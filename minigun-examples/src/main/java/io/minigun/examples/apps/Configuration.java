package io.minigun.examples.apps;

import io.minigun.Minigun;
import io.minigun.Pipeline;
import io.minigun.examples.Examples;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Ruby {@code 13_configuration.rb} and the {@code 31_configurable_*.rb} family: a pipeline class configured by a
 * record (threads, processes, batch size); the configuration shapes the plan, and the stages filter out multiples
 * of 7 and double the rest.
 */
public final class Configuration {

    public record Settings(int threads, int processes, int batchSize) {
        public static final Settings DEFAULT = new Settings(10, 4, 5);
    }

    private final Settings settings;

    public Configuration(Settings settings) {
        this.settings = settings;
    }

    public Settings settings() {
        return settings;
    }

    public record Outcome(List<Integer> results, int doubleWorkers, List<Integer> batchSizes) {
    }

    public Outcome run() {
        List<Integer> results = new CopyOnWriteArrayList<>();
        List<Integer> batchSizes = new CopyOnWriteArrayList<>();
        Pipeline pipeline = Minigun.pipeline("configured")
                .concurrency(c -> c.threads(settings.threads()).processes(settings.processes()))
                .producer("generate", Examples.numbers(1, 20))
                .processor("filter", (Integer n) -> n % 7 == 0 ? null : n)
                .processor("double", (Integer n) -> n * 2, s -> s.threads(settings.threads()))
                .accumulator("batch", s -> s.maxSize(settings.batchSize()))
                .consumer("save", (List<Integer> batch) -> {
                    batchSizes.add(batch.size());
                    results.addAll(batch);
                })
                .build();
        Examples.ok(pipeline.run());
        return new Outcome(Examples.sorted(results), pipeline.plan().workers("double"), Examples.sorted(batchSizes));
    }

    public static void main(String[] args) {
        Configuration pipeline = new Configuration(Settings.DEFAULT);
        Outcome o = pipeline.run();
        System.out.println(pipeline.settings() + ": " + o.results().size() + " results " + o.results()
                + ", 'double' on " + o.doubleWorkers() + " threads, batches " + o.batchSizes());
    }
}
