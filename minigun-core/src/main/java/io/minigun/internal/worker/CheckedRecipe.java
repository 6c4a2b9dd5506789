package io.minigun.internal.worker;

/** A stage recipe that can tell at build time whether a worker JVM will be able to follow it. */
public interface CheckedRecipe {

    /**
     * Throws a {@link io.minigun.PipelineDefinitionException} when a worker could not obtain the stage this way.
     *
     * @param where names the stage, for the message
     */
    void verify(String where);
}
