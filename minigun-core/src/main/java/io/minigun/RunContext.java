package io.minigun;

import org.jspecify.annotations.Nullable;

import java.util.Map;

/** What stage code and hooks can know about the run they are part of. */
public interface RunContext {

    /** The unique id of this run. */
    String runId();

    /** The name of the root pipeline being run. */
    String pipelineName();

    /** The parameters the run was started with (never null, unmodifiable; a value may be null). */
    Map<String, @Nullable Object> parameters();

    /** Whether the run is being cancelled or stopped; long-running stage code may check it to stop early. */
    boolean isCancelled();
}
