package io.minigun;

import java.io.Serializable;

/** A lifecycle callback that needs nothing from the run. */
@FunctionalInterface
public interface Hook extends Serializable {
    /** Runs the callback; what a failure does depends on the hook (see the builder's hook methods). */
    void run() throws Exception;
}
