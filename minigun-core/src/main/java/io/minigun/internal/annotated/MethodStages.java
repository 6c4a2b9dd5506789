package io.minigun.internal.annotated;

import io.minigun.internal.definition.StageConfigs;
import io.minigun.AccumulatorFunction;
import io.minigun.Input;
import io.minigun.LoopFunction;
import io.minigun.Output;
import io.minigun.PipelineDefinitionException;
import io.minigun.ProcessorFunction;
import io.minigun.ProducerFunction;
import io.minigun.RunContext;
import io.minigun.RunHook;
import io.minigun.StageSpec;
import io.minigun.internal.definition.StageBodies;
import io.minigun.internal.definition.StageDefinition;
import io.minigun.internal.definition.StageKind;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;

/**
 * Turns one annotated method into a stage: checks its shape, adapts it to the stage body of its kind, and reads its
 * item types from the signature so mismatched edges fail at build time.
 */
final class MethodStages {
    private MethodStages() {
    }

    static StageDefinition stage(String pipeline, Object target, Method method, StageKind kind, StageAttributes attrs) {
        method.setAccessible(true);
        String name = attrs.name().isEmpty() ? method.getName() : attrs.name();
        Shape shape = Shape.of(method);
        String where = "Pipeline '" + pipeline + "', @" + label(kind) + " method " + describe(method);
        if (!attrs.pipeline().isEmpty()) {
            throw new PipelineDefinitionException(where + " sets pipeline = \"" + attrs.pipeline() + "\", which applies "
                    + "only to a stage bean (the annotation on a class); remove it");
        }
        StageSpec spec = new StageSpec();
        attrs.applyTo(spec, where);
        Invoker invoker = new Invoker(target, method, shape.withContext);
        Class<?> returnType = method.getReturnType();
        return switch (kind) {
            case PRODUCER -> {
                if (shape.inputs == 0 && shape.output) {
                    yield definition(name, kind, (ProducerFunction<Object>) invoker::invokeWith, method, true, spec,
                            null, outputType(method, 0), target);
                }
                if (shape.inputs == 0 && !shape.output && returnType != void.class) {
                    ProducerFunction<Object> body = out -> StageBodies.emitAll(invoker.invoke(null, out), out);
                    yield definition(name, kind, body, method, true, spec, null, elementType(method.getGenericReturnType()), target);
                }
                throw shapeError(where, "(Output<T>) or a method returning Iterable/Stream/Iterator, with no input");
            }
            case PROCESSOR -> {
                requireInputs(shape, 1, where, "(I, Output<O>) or O (I)");
                if (shape.output) {
                    yield definition(name, kind, (ProcessorFunction<Object, Object>) invoker::invokeWith, method,
                            true, spec, param(method, 0), outputType(method, 1), target);
                }
                ProcessorFunction<Object, Object> body = mapping(invoker, returnType);
                yield definition(name, kind, body, method, returnType != void.class, spec, param(method, 0),
                        returnType == void.class ? null : returnType, target);
            }
            case ACCUMULATOR -> {
                requireInputs(shape, 1, where, "(List<I>, Output<O>) or O (List<I>)");
                if (!List.class.isAssignableFrom(method.getParameterTypes()[0])) {
                    throw shapeError(where, "(List<I>, Output<O>) or O (List<I>): the batch parameter must be a List");
                }
                Class<?> element = elementType(method.getGenericParameterTypes()[0]);
                AccumulatorFunction<Object, Object> body;
                Class<?> out;
                if (shape.output) {
                    body = (batch, output) -> invoker.invoke(batch, output);
                    out = outputType(method, 1);
                } else {
                    ProcessorFunction<Object, Object> map = mapping(invoker, returnType);
                    body = map::process;
                    out = returnType == void.class ? null : returnType;
                }
                yield definition(name, kind, body, method, true, spec, element, out, target);
            }
            case CONSUMER -> {
                requireInputs(shape, 1, where, "(I) or (I, Output<O>)");
                if (returnType != void.class) {
                    throw shapeError(where, "(I) or (I, Output<O>) returning void; use @Processor to emit a result");
                }
                yield definition(name, kind, (ProcessorFunction<Object, Object>) invoker::invokeWith, method,
                        shape.output, spec, param(method, 0), shape.output ? outputType(method, 1) : null, target);
            }
            case LOOP -> {
                if (shape.inputs != 1 || !shape.output || method.getParameterTypes()[0] != Input.class) {
                    throw shapeError(where, "(Input<I>, Output<O>)");
                }
                LoopFunction<Object, Object> body = (input, output) -> invoker.invoke(input, output);
                yield definition(name, kind, body, method, true, spec, elementType(method.getGenericParameterTypes()[0]),
                        outputType(method, 1), target);
            }
            default -> throw new IllegalArgumentException(kind + " is not a method stage");
        };
    }

    /** A hook method: no argument, or a {@link RunContext}. */
    static RunHook hook(String pipeline, Object target, Method method, String annotation) {
        method.setAccessible(true);
        Class<?>[] parameters = method.getParameterTypes();
        boolean withContext = parameters.length == 1 && parameters[0] == RunContext.class;
        if (parameters.length > 1 || (parameters.length == 1 && !withContext)) {
            throw new PipelineDefinitionException("Pipeline '" + pipeline + "', @" + annotation + " method "
                    + describe(method) + " must take no argument or a RunContext");
        }
        return context -> {
            try {
                if (withContext) {
                    method.invoke(target, context);
                } else {
                    method.invoke(target);
                }
            } catch (InvocationTargetException e) {
                throw Invoker.rethrow(e);
            }
        };
    }

    static String describe(Method method) {
        StringBuilder text = new StringBuilder(method.getDeclaringClass().getSimpleName()).append('.')
                .append(method.getName()).append('(');
        Class<?>[] parameters = method.getParameterTypes();
        for (int i = 0; i < parameters.length; i++) {
            text.append(i == 0 ? "" : ", ").append(parameters[i].getSimpleName());
        }
        return text.append(')').toString();
    }

    static String label(StageKind kind) {
        return switch (kind) {
            case LOOP -> "Stage";
            default -> Character.toUpperCase(kind.label().charAt(0)) + kind.label().substring(1);
        };
    }

    private static ProcessorFunction<Object, Object> mapping(Invoker invoker, Class<?> returnType) {
        if (returnType == void.class) {
            return (item, out) -> invoker.invoke(item, out);
        }
        return (item, out) -> {
            Object result = invoker.invoke(item, out);
            if (result != null) {
                out.emit(result);
            }
        };
    }

    private static StageDefinition definition(String name, StageKind kind, Object body, Method method, boolean emits,
                                              StageSpec spec, Class<?> in, Class<?> out, Object target) {
        return new StageDefinition(name, kind, body, method, emits, StageConfigs.of(spec), in, out,
                new AnnotatedStageRecipe(AnnotatedPipelines.userClass(target.getClass()).getName(), name));
    }

    private static void requireInputs(Shape shape, int inputs, String where, String accepted) {
        if (shape.inputs != inputs) {
            throw shapeError(where, accepted);
        }
    }

    private static PipelineDefinitionException shapeError(String where, String accepted) {
        return new PipelineDefinitionException(where + " has an unsupported signature; accepted: " + accepted
                + ", optionally with a trailing RunContext");
    }

    private static Class<?> param(Method method, int index) {
        return box(method.getParameterTypes()[index]);
    }

    /** The {@code T} of an {@code Output<T>} parameter, when it is a class. */
    private static Class<?> outputType(Method method, int index) {
        return elementType(method.getGenericParameterTypes()[index]);
    }

    /** The first type argument of a parameterized type, when it is a class. */
    private static Class<?> elementType(Type type) {
        if (type instanceof ParameterizedType parameterized && parameterized.getActualTypeArguments().length > 0) {
            Type argument = parameterized.getActualTypeArguments()[0];
            if (argument instanceof Class<?> c) {
                return c;
            }
            if (argument instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
                return raw;
            }
        }
        return null;
    }

    private static Class<?> box(Class<?> type) {
        return type.isPrimitive() ? java.lang.invoke.MethodType.methodType(type).wrap().returnType() : type;
    }

    /** What a method takes: how many inputs before an optional {@code Output} and an optional {@code RunContext}. */
    private record Shape(int inputs, boolean output, boolean withContext) {
        static Shape of(Method method) {
            Class<?>[] parameters = method.getParameterTypes();
            int n = parameters.length;
            boolean withContext = n > 0 && parameters[n - 1] == RunContext.class;
            if (withContext) {
                n--;
            }
            boolean output = n > 0 && parameters[n - 1] == Output.class;
            if (output) {
                n--;
            }
            return new Shape(n, output, withContext);
        }
    }

    /** Calls the method with (input?, output?, context?) as its shape says. */
    static final class Invoker {
        private final Object target;
        private final Method method;
        private final int arity;
        private final int inputAt;
        private final int outputAt;
        private final int contextAt;

        Invoker(Object target, Method method, boolean withContext) {
            this.target = target;
            this.method = method;
            Class<?>[] parameters = method.getParameterTypes();
            this.arity = parameters.length;
            int i = 0;
            this.inputAt = i < arity && parameters[i] != Output.class && parameters[i] != RunContext.class ? i++ : -1;
            this.outputAt = i < arity && parameters[i] == Output.class ? i++ : -1;
            this.contextAt = withContext ? i : -1;
        }

        /** For bodies shaped exactly like the method (input and output both passed). */
        void invokeWith(Object first, Output<Object> out) throws Exception {
            invoke(first, out);
        }

        void invokeWith(Output<Object> out) throws Exception {
            invoke(null, out);
        }

        Object invoke(Object input, Output<Object> out) throws Exception {
            Object[] args = new Object[arity];
            if (inputAt >= 0) {
                args[inputAt] = input;
            }
            if (outputAt >= 0) {
                args[outputAt] = out;
            }
            if (contextAt >= 0) {
                args[contextAt] = out.context();
            }
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw rethrow(e);
            }
        }

        static Exception rethrow(InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Error error) {
                throw error;
            }
            return cause instanceof Exception exception ? exception : e;
        }
    }
}
