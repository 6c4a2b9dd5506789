package io.minigun;

import java.io.Serializable;

/** A lifecycle callback that receives the run's context. */
@FunctionalInterface
public interface RunHook extends Serializable {
    /** Runs the callback for the run {@code context} describes. */
    void run(RunContext context) throws Exception;

    /** Adapts a no-argument hook. */
    static RunHook of(Hook hook) {
        return context -> hook.run();
    }
}
