package io.minigun.internal.worker;

import io.minigun.process.StageRecipe;
import io.minigun.process.WorkerStage;

import io.minigun.RunHook;

import java.util.List;

/**
 * Ships the stage function itself (builder pipelines: stage functions are serializable lambdas). A class rather
 * than a record for the reason given on {@link WorkerBoot}.
 */
final class SerializedStageRecipe implements StageRecipe {
    private static final long serialVersionUID = 1L;

    private final Object body;
    private final List<RunHook> afterFork;
    private final List<String> packages;

    public SerializedStageRecipe(Object body, List<RunHook> afterFork, List<String> packages) {
        this.body = body;
        this.afterFork = List.copyOf(afterFork);
        this.packages = List.copyOf(packages);
    }

    public Object body() {
        return body;
    }

    public List<RunHook> afterFork() {
        return afterFork;
    }

    @Override
    public List<String> packages() {
        return packages;
    }

    @Override
    public WorkerStage create() {
        return new WorkerStage(body, afterFork);
    }
}
