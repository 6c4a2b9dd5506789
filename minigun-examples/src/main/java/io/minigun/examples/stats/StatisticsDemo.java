package io.minigun.examples.stats;

import io.minigun.Minigun;
import io.minigun.RunResult;
import io.minigun.examples.Examples;

/**
 * Ruby {@code 24_statistics_demo.rb} and {@code 19_statistics_gathering.rb}: every run returns per-stage counts
 * (in, out, succeeded, failed), latencies, throughput and the bottleneck. Here a validate stage drops the values
 * not above 50, so the counts differ from stage to stage.
 */
public final class StatisticsDemo {

    private StatisticsDemo() {
    }

    /** The 20 values generated: a fixed spread over 0..99. */
    static int value(int i) {
        return i * 37 % 100;
    }

    public static RunResult run() {
        return Examples.ok(Minigun.pipeline("statistics")
                .producer("generate", out -> {
                    for (int i = 0; i < 20; i++) {
                        out.emit(value(i));
                    }
                })
                .processor("validate", (Integer v) -> v > 50 ? v : null)
                .processor("process", (Integer v) -> v * 2)
                .consumer("collect", (Integer v) -> { })
                .build()
                .run());
    }

    public static void main(String[] args) {
        System.out.println(run().stats().summary());
    }
}
