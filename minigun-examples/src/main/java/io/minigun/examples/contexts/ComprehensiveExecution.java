package io.minigun.examples.contexts;

import io.minigun.ContextType;
import io.minigun.Minigun;
import io.minigun.Output;
import io.minigun.Pipeline;
import io.minigun.RunResult;
import io.minigun.examples.Examples;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * Ruby {@code 38_comprehensive_execution.rb}, and {@code 51}–{@code 61}, which combine the same parts: named
 * contexts ({@code cache_pool}, {@code db_pool}), a thread pool shared by two stages ({@code download_pool}),
 * batching, parsing in worker JVMs and uploading on a final thread pool, all sized by a {@link Settings} record.
 * Every one of the items is downloaded, parsed in a worker JVM, saved and uploaded exactly once, whatever the sizes.
 * (The original forks 4 or 8 processes; a worker here is a JVM, so the settings ask for 2 or 4.)
 */
public final class ComprehensiveExecution {

    private ComprehensiveExecution() {
    }

    public record Settings(int items, int downloadThreads, int parseProcesses, int batchSize, int uploadThreads) {
        public static final Settings DEFAULT = new Settings(200, 50, 2, 100, 20);
        public static final Settings HIGH_CONCURRENCY = new Settings(200, 100, 4, 50, 50);
    }

    public record Request(int id, String url) implements Serializable {
    }

    public record Response(int id, String data, int sizeBytes) implements Serializable {
    }

    public record Parsed(int id, String parsed, long parsePid) implements Serializable {
    }

    public record Outcome(List<Integer> uploaded, long downloaded, long parsed, long parseBatches,
                          Set<Long> parsePids, Map<String, String> placement) {
    }

    public static Outcome run(Settings settings) {
        List<Parsed> uploaded = new CopyOnWriteArrayList<>();
        Pipeline pipeline = Minigun.pipeline("comprehensive")
                .context("cache_pool", ContextType.THREAD, 10)
                .context("db_pool", ContextType.THREAD, 5)
                .context("download_pool", ContextType.THREAD, settings.downloadThreads())
                .producer("generate_urls", out -> {
                    for (int id = 0; id < settings.items(); id++) {
                        out.emit(new Request(id, "https://api.example.com/item-" + id));
                    }
                })
                .processor("check_cache", (Request r) -> r, s -> s.context("cache_pool"))
                .processor("download", (Request r) -> new Response(r.id(), "response-" + r.id(), 0),
                        s -> s.context("download_pool"))
                .processor("extract_metadata", (Response r) -> new Response(r.id(), r.data(), 1024),
                        s -> s.context("download_pool"))
                .accumulator("batch", s -> s.maxSize(settings.batchSize()))
                .processor("parse_batch", (List<Response> batch, Output<Parsed> out) -> {
                    for (Response r : batch) {
                        out.emit(new Parsed(r.id(), r.data().toUpperCase(), ProcessHandle.current().pid()));
                    }
                }, s -> s.concurrency(ContextType.PROCESS).poolSize(settings.parseProcesses()))
                .processor("save_to_db", (Parsed p) -> p, s -> s.context("db_pool"))
                .consumer("upload_to_s3", (Parsed p) -> uploaded.add(p), s -> s.threads(settings.uploadThreads()))
                .build();
        RunResult run = Examples.ok(pipeline.run());
        return new Outcome(
                Examples.sorted(uploaded.stream().map(Parsed::id).toList()),
                run.stats().stage("download").succeeded(),
                run.stats().stage("parse_batch").produced(),
                run.stats().stage("parse_batch").consumed(),
                uploaded.stream().map(Parsed::parsePid).collect(Collectors.toSet()),
                Examples.placement(pipeline, "check_cache", "download", "extract_metadata", "parse_batch",
                        "save_to_db", "upload_to_s3"));
    }

    public static void main(String[] args) {
        for (Settings settings : List.of(Settings.DEFAULT, Settings.HIGH_CONCURRENCY)) {
            Outcome o = run(settings);
            System.out.println(settings);
            System.out.println("  placement: " + o.placement());
            System.out.println("  downloaded " + o.downloaded() + ", parsed " + o.parsed() + " in " + o.parseBatches()
                    + " batches by " + o.parsePids().size() + " worker JVMs, uploaded " + o.uploaded().size());
        }
    }
}
