package io.minigun;

import java.io.Serializable;

/** A lifecycle callback that needs nothing from the run. */
@FunctionalInterface
public interface Hook extends Serializable {
    void run() throws Exception;
}
