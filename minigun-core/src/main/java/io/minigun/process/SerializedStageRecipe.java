package io.minigun.process;

import io.minigun.RunHook;

import java.util.List;

/** Ships the stage function itself (builder pipelines: stage functions are serializable lambdas). */
public record SerializedStageRecipe(Object body, List<RunHook> afterFork, List<String> packages)
        implements StageRecipe {
    private static final long serialVersionUID = 1L;

    public SerializedStageRecipe {
        afterFork = List.copyOf(afterFork);
        packages = List.copyOf(packages);
    }

    @Override
    public WorkerStage create() {
        return new WorkerStage(body, afterFork);
    }
}
