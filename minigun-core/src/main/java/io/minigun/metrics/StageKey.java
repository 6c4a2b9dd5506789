package io.minigun.metrics;

import io.minigun.stats.StageStats;

/** The value of the {@code stage} tag: the stage name, prefixed with the nested pipeline path below the root. */
final class StageKey {
    private StageKey() {
    }

    static String of(String rootPipeline, String scopePath, String stage) {
        if (scopePath.equals(rootPipeline)) {
            return stage;
        }
        String prefix = rootPipeline + "/";
        String relative = scopePath.startsWith(prefix) ? scopePath.substring(prefix.length()) : scopePath;
        return relative + "/" + stage;
    }

    static String of(String rootPipeline, StageStats stats) {
        return of(rootPipeline, stats.pipeline(), stats.name());
    }
}
