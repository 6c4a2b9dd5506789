package io.minigun.internal.worker;

import io.minigun.ContextType;
import io.minigun.Minigun;

/** A JVM that runs a never-ending pipeline with a PROCESS stage, for the orphan test to kill. */
public final class EndlessProcessPipelineMain {
    private EndlessProcessPipelineMain() {
    }

    public static void main(String[] args) {
        Minigun.pipeline("endless")
                .producer("numbers", out -> {
                    for (long i = 0; ; i++) {
                        out.emit(i);
                    }
                })
                .processor("work", (Long n) -> n, s -> s.concurrency(ContextType.PROCESS).poolSize(2))
                .consumer("sink", (Long n) -> { })
                .build()
                .run();
    }
}
