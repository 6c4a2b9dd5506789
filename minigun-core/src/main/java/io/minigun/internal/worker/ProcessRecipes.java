package io.minigun.internal.worker;

import io.minigun.process.Codec;
import io.minigun.process.StageRecipe;

import io.minigun.PipelineDefinitionException;
import io.minigun.RunHook;
import io.minigun.internal.definition.GraphNode;
import io.minigun.internal.definition.StageDefinition;

import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides how a PROCESS stage's workers will obtain its code, at build time, and says why when they cannot: a stage
 * function that captures something not serializable is named with the captured value's class.
 */
public final class ProcessRecipes {
    private ProcessRecipes() {
    }

    public static StageRecipe recipeFor(GraphNode node) {
        StageDefinition stage = node.definition();
        String where = "Pipeline '" + node.scope().path() + "', " + stage + " runs in PROCESS workers";
        Codec codec = node.scope().settings().process().codec();
        checkSerializable(codec, null, where, "its codec " + codec.getClass().getName());
        StageRecipe recipe = stage.recipe();
        if (recipe instanceof CheckedRecipe checked) {
            checked.verify(where);
            return recipe;
        }
        if (recipe != null) {
            checkSerializable(recipe, null, where, "its worker recipe " + recipe.getClass().getName());
            return recipe;
        }
        List<RunHook> hooks = new ArrayList<>(node.scope().hooks().afterFork());
        hooks.addAll(node.scope().hooks().afterStageFork().getOrDefault(node.name(), List.of()));
        SerializedStageRecipe serialized = new SerializedStageRecipe(stage.body(), hooks, packagesOf(stage, hooks));
        checkSerializable(stage.body(), stage.userCode(), where, "its function");
        for (RunHook hook : hooks) {
            checkSerializable(hook, hook, where, "its afterFork hook");
        }
        return serialized;
    }

    /** The packages of the classes that define the stage, admitted by the default codec. */
    private static List<String> packagesOf(StageDefinition stage, List<RunHook> hooks) {
        Set<String> packages = new LinkedHashSet<>();
        addPackage(packages, stage.userCode());
        addPackage(packages, stage.inputType());
        addPackage(packages, stage.outputType());
        for (RunHook hook : hooks) {
            addPackage(packages, hook);
        }
        return new ArrayList<>(packages);
    }

    private static void addPackage(Set<String> packages, Object code) {
        if (code == null) {
            return;
        }
        Class<?> type = code instanceof Class<?> c ? c : code.getClass();
        SerializedLambda lambda = lambdaOf(code);
        if (lambda != null) {
            packages.add(packageOf(lambda.getCapturingClass().replace('/', '.')));
        } else if (!type.getPackageName().startsWith("java.") && !type.getPackageName().isEmpty()) {
            packages.add(type.getPackageName());
        }
    }

    private static String packageOf(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? "" : className.substring(0, dot);
    }

    private static void checkSerializable(Object value, Object userCode, String where, String what) {
        try (ObjectOutputStream out = new ObjectOutputStream(OutputStream.nullOutputStream())) {
            out.writeObject(value);
        } catch (NotSerializableException e) {
            throw new PipelineDefinitionException(where + ", so " + what + " is serialized and sent to them, but "
                    + culprit(userCode, e.getMessage()) + " is not serializable; capture only serializable values "
                    + "(create clients and connections inside the function or in an afterFork hook)", e);
        } catch (IOException | RuntimeException e) {
            throw new PipelineDefinitionException(where + ", so " + what + " is serialized and sent to them, but "
                    + "serializing it failed: " + e, e);
        }
    }

    /** Names the captured value that does not serialize, when the user code is a lambda. */
    private static String culprit(Object userCode, String className) {
        SerializedLambda lambda = lambdaOf(userCode);
        if (lambda != null) {
            for (int i = 0; i < lambda.getCapturedArgCount(); i++) {
                Object captured = lambda.getCapturedArg(i);
                if (captured != null && captured.getClass().getName().equals(className)) {
                    return "the value it captures (argument " + (i + 1) + " of "
                            + lambda.getCapturingClass().replace('/', '.') + "." + lambda.getImplMethodName()
                            + ", a " + className + ")";
                }
                if (captured != null && !(captured instanceof Serializable)) {
                    return "the value it captures (a " + captured.getClass().getName() + ")";
                }
            }
        }
        return "a " + className;
    }

    private static SerializedLambda lambdaOf(Object code) {
        if (code == null || !code.getClass().isSynthetic()) {
            return null;
        }
        try {
            Method writeReplace = code.getClass().getDeclaredMethod("writeReplace");
            writeReplace.setAccessible(true);
            return writeReplace.invoke(code) instanceof SerializedLambda lambda ? lambda : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
