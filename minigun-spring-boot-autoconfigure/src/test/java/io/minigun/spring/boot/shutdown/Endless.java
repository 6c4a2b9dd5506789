package io.minigun.spring.boot.shutdown;

import io.minigun.Output;

/** The producer body of the shutdown tests' pipelines: only cancellation ends it. */
final class Endless {
    private Endless() {
    }

    /** Emits 0, 1, 2, ... until the run is cancelled (the emit that sees it throws). */
    static void numbers(Output<Long> out) {
        for (long i = 0; ; i++) {
            out.emit(i);
        }
    }
}
