package io.minigun.examples.apps;

import io.minigun.Minigun;
import io.minigun.Pipeline;
import io.minigun.examples.Examples;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Ruby {@code 13_configuration.rb} and the {@code 31_*.rb} family (configurable, smart and adaptive pipelines): a
 * pipeline class configured by a record (threads, processes, batch size), chosen by environment or by a concurrency
 * level; the configuration shapes the plan, and the stages filter out multiples of 7 and double the rest.
 */
public final class Configuration {

    public record Settings(int threads, int processes, int batchSize) {
        public static final Settings DEFAULT = new Settings(10, 4, 5);

        /** By deployment environment: "production" is sized for volume, anything else for a laptop. */
        public static Settings forEnvironment(String environment) {
            return "production".equals(environment) ? new Settings(100, 8, 5000) : new Settings(10, 2, 100);
        }

        /** By concurrency level: low, medium or high. */
        public static Settings forLevel(String level) {
            return switch (level) {
                case "low" -> new Settings(10, 2, 100);
                case "medium" -> new Settings(50, 4, 1000);
                case "high" -> new Settings(200, 16, 10000);
                default -> throw new IllegalArgumentException("unknown level '" + level + "': low, medium or high");
            };
        }
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
        System.out.println("development: " + Settings.forEnvironment("development")
                + ", production: " + Settings.forEnvironment("production"));
        System.out.println("low: " + Settings.forLevel("low") + ", high: " + Settings.forLevel("high"));
        Configuration pipeline = new Configuration(Settings.DEFAULT);
        Outcome o = pipeline.run();
        System.out.println(pipeline.settings() + ": " + o.results().size() + " results " + o.results()
                + ", 'double' on " + o.doubleWorkers() + " threads, batches " + o.batchSizes());
    }
}
