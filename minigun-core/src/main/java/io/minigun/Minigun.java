package io.minigun;

/** Entry point: {@code Minigun.pipeline("orders").producer(...).processor(...).consumer(...).build()}. */
public final class Minigun {
    private Minigun() {
    }

    /** Starts declaring a pipeline. */
    public static PipelineBuilder pipeline(String name) {
        return new PipelineBuilder(name);
    }
}
