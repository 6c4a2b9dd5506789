package io.minigun.internal.definition;

import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;

/**
 * Reads the declared parameter type of an explicitly typed serializable lambda, such as
 * {@code (Integer n, Output<Integer> out) -> ...}, so edges can be type-checked at build time. Returns
 * {@code null} when the type is unknown (implicitly typed lambdas see {@code Object}).
 */
public final class LambdaTypes {
    private LambdaTypes() {
    }

    public static Class<?> inputType(Object function) {
        if (!(function instanceof Serializable) || !function.getClass().isSynthetic()) {
            return null;
        }
        try {
            Method writeReplace = function.getClass().getDeclaredMethod("writeReplace");
            writeReplace.setAccessible(true);
            Object replacement = writeReplace.invoke(function);
            if (!(replacement instanceof SerializedLambda lambda)) {
                return null;
            }
            String signature = lambda.getInstantiatedMethodType();
            if (signature.startsWith("()")) {
                return null;
            }
            Class<?> type = firstParameter(signature, function.getClass().getClassLoader());
            return type == Object.class ? null : type;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    private static Class<?> firstParameter(String signature, ClassLoader loader) throws ClassNotFoundException {
        char first = signature.charAt(1);
        if (first == 'L') {
            String binaryName = signature.substring(2, signature.indexOf(';')).replace('/', '.');
            return Class.forName(binaryName, false, loader);
        }
        return null;
    }
}
