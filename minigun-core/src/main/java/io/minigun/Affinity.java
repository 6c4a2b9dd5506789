package io.minigun;

/** Whether the plan may fuse a stage with its upstream. */
public enum Affinity {
    /** Colocate with the upstream whenever the plan's rules allow it (the default). */
    AUTO,
    /** Always give the stage its own queue and workers. */
    INDEPENDENT
}
