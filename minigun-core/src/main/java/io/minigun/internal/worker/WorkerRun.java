package io.minigun.internal.worker;

import java.io.Serializable;
import java.util.Map;

/**
 * The run a worker JVM works for from now on: sent in a RUN frame before the run's first items, so that a worker
 * kept warm across runs sees each run's id and parameters in its {@link io.minigun.RunContext}. A class rather than
 * a record for the reason given on {@link WorkerBoot}.
 */
final class WorkerRun implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String runId;
    private final String rootPipeline;
    private final Map<String, Object> parameters;

    /**
     * @param runId        the run's id
     * @param rootPipeline the root pipeline's name
     * @param parameters   the run's parameters that could be serialized
     */
    public WorkerRun(String runId, String rootPipeline, Map<String, Object> parameters) {
        this.runId = runId;
        this.rootPipeline = rootPipeline;
        this.parameters = parameters;
    }

    public String runId() {
        return runId;
    }

    public String rootPipeline() {
        return rootPipeline;
    }

    public Map<String, Object> parameters() {
        return parameters;
    }
}
