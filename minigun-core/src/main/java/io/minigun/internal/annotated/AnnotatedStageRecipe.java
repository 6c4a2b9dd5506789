package io.minigun.internal.annotated;

import io.minigun.process.StageRecipe;
import io.minigun.process.WorkerStage;
import io.minigun.internal.worker.CheckedRecipe;

import io.minigun.PipelineDefinitionException;
import io.minigun.RunHook;
import io.minigun.internal.definition.PipelineDefinition;
import io.minigun.internal.definition.StageDefinition;

import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * Re-creates an annotated pipeline class in the worker with its no-argument constructor and takes the named stage
 * from it, with the class's {@code @AfterFork} hooks.
 */
record AnnotatedStageRecipe(String pipelineClass, String stage) implements StageRecipe, CheckedRecipe {
    private static final long serialVersionUID = 1L;

    @Override
    public WorkerStage create() throws Exception {
        Class<?> type = Class.forName(pipelineClass);
        Constructor<?> constructor = type.getDeclaredConstructor();
        constructor.setAccessible(true);
        PipelineDefinition definition = AnnotatedPipelines.definitionOf(constructor.newInstance());
        List<RunHook> hooks = new ArrayList<>(definition.hooks().afterFork());
        hooks.addAll(definition.hooks().afterStageFork().getOrDefault(stage, List.of()));
        for (StageDefinition candidate : definition.stages()) {
            if (candidate.name().equals(stage)) {
                return new WorkerStage(candidate.body(), hooks);
            }
        }
        throw new IllegalStateException("class " + pipelineClass + " no longer declares stage '" + stage + "'");
    }

    @Override
    public List<String> packages() {
        int dot = pipelineClass.lastIndexOf('.');
        return dot < 0 ? List.of() : List.of(pipelineClass.substring(0, dot));
    }

    @Override
    public void verify(String where) {
        try {
            Class<?> type = Class.forName(pipelineClass);
            if (type.isMemberClass() && !Modifier.isStatic(type.getModifiers())) {
                throw new PipelineDefinitionException(where + ", which re-create " + type.getSimpleName()
                        + " in each worker, but it is an inner class; make it static or top-level");
            }
            type.getDeclaredConstructor();
        } catch (ClassNotFoundException e) {
            throw new PipelineDefinitionException(where + ", but class " + pipelineClass + " cannot be loaded by name");
        } catch (NoSuchMethodException e) {
            throw new PipelineDefinitionException(where + ", which re-create " + pipelineClass + " in each worker "
                    + "with its no-argument constructor, but it has none; add one (stages that need injected "
                    + "dependencies run in PROCESS workers through the Spring starter)");
        }
    }
}
