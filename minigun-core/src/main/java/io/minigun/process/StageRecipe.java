package io.minigun.process;

import java.io.Serializable;

/**
 * How a worker JVM obtains a stage's code. The recipe is serialized into the worker, which calls {@link #create()}
 * once at start. Built in: the serialized stage function (builder pipelines) and re-creating an annotated pipeline
 * class; front ends such as the Spring starter supply their own (start the application context in worker mode and
 * look the stage up).
 */
public interface StageRecipe extends Serializable {

    WorkerStage create() throws Exception;

    /** Packages whose classes this stage's items may use, admitted by the default codec. */
    default java.util.List<String> packages() {
        return java.util.List.of();
    }
}
