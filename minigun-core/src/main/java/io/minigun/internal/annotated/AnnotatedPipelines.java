package io.minigun.internal.annotated;

import io.minigun.ConcurrencySpec;
import io.minigun.internal.definition.DeclaredPipeline;
import io.minigun.internal.definition.StageConfigs;
import io.minigun.annotation.Accumulator;
import io.minigun.annotation.AfterFork;
import io.minigun.annotation.AfterRun;
import io.minigun.annotation.AfterStage;
import io.minigun.annotation.BeforeFork;
import io.minigun.annotation.BeforeRun;
import io.minigun.annotation.BeforeStage;
import io.minigun.annotation.Consumer;
import io.minigun.annotation.MinigunPipeline;
import io.minigun.annotation.Processor;
import io.minigun.annotation.Producer;
import io.minigun.annotation.Stage;

import io.minigun.AccumulatorFunction;
import io.minigun.ConsumerFunction;
import io.minigun.EmittingConsumerFunction;
import io.minigun.ItemSource;
import io.minigun.LoopFunction;
import io.minigun.MapFunction;
import io.minigun.PipelineDefinitionException;
import io.minigun.ProcessorFunction;
import io.minigun.ProducerFunction;
import io.minigun.StageSpec;
import io.minigun.internal.definition.PipelineDefinition;
import io.minigun.internal.definition.StageBodies;
import io.minigun.internal.definition.StageDefinition;
import io.minigun.internal.definition.StageKind;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads pipelines declared with annotations: a {@link MinigunPipeline} class's stage methods, in source declaration
 * order (parent classes first), its hook methods, and standalone stage beans that join it by name.
 */
public final class AnnotatedPipelines {
    private static final Map<Class<? extends Annotation>, StageKind> STAGE_ANNOTATIONS = Map.of(
            Producer.class, StageKind.PRODUCER,
            Processor.class, StageKind.PROCESSOR,
            Accumulator.class, StageKind.ACCUMULATOR,
            Consumer.class, StageKind.CONSUMER,
            Stage.class, StageKind.LOOP);

    private AnnotatedPipelines() {
    }

    /** Whether the class (or the class a framework proxy stands for) declares a pipeline. */
    public static boolean isPipeline(Class<?> type) {
        return userClass(type).isAnnotationPresent(MinigunPipeline.class);
    }

    /** The name of the pipeline the class declares. */
    public static String pipelineName(Class<?> type) {
        Class<?> user = userClass(type);
        MinigunPipeline annotation = user.getAnnotation(MinigunPipeline.class);
        if (annotation == null) {
            throw new IllegalArgumentException(user.getName() + " is not annotated with @MinigunPipeline");
        }
        return annotation.name().isEmpty() ? decapitalize(user.getSimpleName()) : annotation.name();
    }

    /** For a standalone stage bean class: the pipeline it joins, if it is one. */
    public static Optional<String> standalonePipeline(Class<?> type) {
        Class<?> user = userClass(type);
        for (Class<? extends Annotation> annotation : STAGE_ANNOTATIONS.keySet()) {
            Annotation found = user.getAnnotation(annotation);
            if (found != null && !new StageAttributes(found).pipeline().isEmpty()) {
                return Optional.of(new StageAttributes(found).pipeline());
            }
        }
        return Optional.empty();
    }

    /** The pipeline an annotated instance declares. */
    public static PipelineDefinition definitionOf(Object pipeline) {
        return definitionOf(pipeline, List.of());
    }

    /**
     * The pipeline an annotated instance declares, with standalone stage beans appended after its own stages (use
     * their {@code to}/{@code from} attributes to place them elsewhere).
     */
    public static PipelineDefinition definitionOf(Object pipeline, List<?> standaloneStages) {
        Class<?> type = userClass(pipeline.getClass());
        MinigunPipeline annotation = type.getAnnotation(MinigunPipeline.class);
        if (annotation == null) {
            throw new PipelineDefinitionException(type.getName() + " is not annotated with @MinigunPipeline; "
                    + "annotate the class that declares the stage methods");
        }
        String name = pipelineName(type);
        DeclaredPipeline builder = new DeclaredPipeline(name);
        ConcurrencySpec c = new ConcurrencySpec();
        if (annotation.threads() != -1) {
            c.threads(annotation.threads());
        }
        if (annotation.processes() != -1) {
            c.processes(annotation.processes());
        }
        if (annotation.retries() != -1) {
            c.retries(annotation.retries());
        }
        if (!annotation.inline()) {
            c.inline(false);
        }
        builder.concurrency(c.toSettings());
        if (annotation.queueSize() != -1) {
            builder.queueSize(annotation.queueSize());
        }
        for (Method method : declaredInOrder(type)) {
            addMethod(builder, name, pipeline, method);
        }
        for (Object bean : standaloneStages) {
            builder.stage(standaloneStage(name, bean));
        }
        return builder.definition();
    }

    private static void addMethod(DeclaredPipeline builder, String pipeline, Object target, Method method) {
        List<Annotation> stageAnnotations = new ArrayList<>();
        for (Class<? extends Annotation> annotation : STAGE_ANNOTATIONS.keySet()) {
            Annotation found = method.getAnnotation(annotation);
            if (found != null) {
                stageAnnotations.add(found);
            }
        }
        if (stageAnnotations.size() > 1) {
            throw new PipelineDefinitionException("Pipeline '" + pipeline + "', method "
                    + MethodStages.describe(method) + " carries several stage annotations; keep one");
        }
        if (stageAnnotations.size() == 1) {
            Annotation found = stageAnnotations.get(0);
            builder.stage(MethodStages.stage(pipeline, target, method,
                    STAGE_ANNOTATIONS.get(found.annotationType()), new StageAttributes(found)));
        }
        if (method.isAnnotationPresent(BeforeRun.class)) {
            builder.beforeRun(MethodStages.hook(pipeline, target, method, "BeforeRun"));
        }
        if (method.isAnnotationPresent(AfterRun.class)) {
            builder.afterRun(MethodStages.hook(pipeline, target, method, "AfterRun"));
        }
        if (method.isAnnotationPresent(BeforeFork.class)) {
            builder.beforeFork(MethodStages.hook(pipeline, target, method, "BeforeFork"));
        }
        if (method.isAnnotationPresent(AfterFork.class)) {
            builder.afterFork(MethodStages.hook(pipeline, target, method, "AfterFork"));
        }
        BeforeStage before = method.getAnnotation(BeforeStage.class);
        if (before != null) {
            builder.before(before.value(), MethodStages.hook(pipeline, target, method, "BeforeStage"));
        }
        AfterStage after = method.getAnnotation(AfterStage.class);
        if (after != null) {
            builder.after(after.value(), MethodStages.hook(pipeline, target, method, "AfterStage"));
        }
    }

    /** A standalone stage bean: a class carrying a stage annotation and implementing the matching interface. */
    static StageDefinition standaloneStage(String pipeline, Object bean) {
        Class<?> type = userClass(bean.getClass());
        for (Map.Entry<Class<? extends Annotation>, StageKind> entry : STAGE_ANNOTATIONS.entrySet()) {
            Annotation found = type.getAnnotation(entry.getKey());
            if (found == null) {
                continue;
            }
            StageAttributes attributes = new StageAttributes(found);
            String name = attributes.name().isEmpty() ? decapitalize(type.getSimpleName()) : attributes.name();
            StageSpec spec = new StageSpec();
            String where = "Pipeline '" + pipeline + "', stage bean " + type.getSimpleName();
            attributes.applyTo(spec, where);
            return standalone(entry.getValue(), name, bean, type, spec, where);
        }
        throw new PipelineDefinitionException(type.getName() + " carries no stage annotation (@Producer, @Processor, "
                + "@Accumulator, @Consumer or @Stage)");
    }

    private static StageDefinition standalone(StageKind kind, String name, Object bean, Class<?> type, StageSpec spec,
                                              String where) {
        Object body;
        boolean emits = true;
        Class<?> in = null;
        Class<?> out = null;
        switch (kind) {
            case PRODUCER -> {
                if (bean instanceof ProducerFunction<?> f) {
                    body = StageBodies.producer(f);
                    out = typeArgument(type, ProducerFunction.class, 0);
                } else if (bean instanceof ItemSource<?> f) {
                    body = StageBodies.producer(f);
                    out = typeArgument(type, ItemSource.class, 0);
                } else {
                    throw notImplementing(where, "ProducerFunction or ItemSource");
                }
            }
            case PROCESSOR -> {
                if (bean instanceof ProcessorFunction<?, ?> f) {
                    body = StageBodies.processor(f);
                    in = typeArgument(type, ProcessorFunction.class, 0);
                    out = typeArgument(type, ProcessorFunction.class, 1);
                } else if (bean instanceof MapFunction<?, ?> f) {
                    body = StageBodies.processor(f);
                    in = typeArgument(type, MapFunction.class, 0);
                    out = typeArgument(type, MapFunction.class, 1);
                } else {
                    throw notImplementing(where, "ProcessorFunction or MapFunction");
                }
            }
            case ACCUMULATOR -> {
                if (!(bean instanceof AccumulatorFunction<?, ?> f)) {
                    throw notImplementing(where, "AccumulatorFunction");
                }
                body = StageBodies.accumulator(f);
                in = typeArgument(type, AccumulatorFunction.class, 0);
                out = typeArgument(type, AccumulatorFunction.class, 1);
            }
            case CONSUMER -> {
                if (bean instanceof ConsumerFunction<?> f) {
                    body = StageBodies.consumer(f);
                    emits = false;
                    in = typeArgument(type, ConsumerFunction.class, 0);
                } else if (bean instanceof EmittingConsumerFunction<?, ?> f) {
                    body = StageBodies.consumer(f);
                    in = typeArgument(type, EmittingConsumerFunction.class, 0);
                    out = typeArgument(type, EmittingConsumerFunction.class, 1);
                } else {
                    throw notImplementing(where, "ConsumerFunction or EmittingConsumerFunction");
                }
            }
            case LOOP -> {
                if (!(bean instanceof LoopFunction<?, ?> f)) {
                    throw notImplementing(where, "LoopFunction");
                }
                body = f;
                in = typeArgument(type, LoopFunction.class, 0);
                out = typeArgument(type, LoopFunction.class, 1);
            }
            default -> throw new IllegalArgumentException(kind + " cannot be a standalone stage");
        }
        return new StageDefinition(name, kind, body, bean, emits, StageConfigs.of(spec), in, out);
    }

    private static PipelineDefinitionException notImplementing(String where, String expected) {
        return new PipelineDefinitionException(where + " must implement " + expected + " to join the pipeline");
    }

    /** The class argument {@code index} that {@code type} gives to the generic interface {@code target}. */
    private static Class<?> typeArgument(Class<?> type, Class<?> target, int index) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Type implemented : c.getGenericInterfaces()) {
                if (implemented instanceof ParameterizedType parameterized && parameterized.getRawType() == target) {
                    Type argument = parameterized.getActualTypeArguments()[index];
                    if (argument instanceof Class<?> k) {
                        return k;
                    }
                    if (argument instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
                        return raw;
                    }
                }
            }
        }
        return null;
    }

    /** The class's own and inherited methods, parents first, each class in source declaration order. */
    static List<Method> declaredInOrder(Class<?> type) {
        List<Class<?>> hierarchy = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            hierarchy.add(0, c);
        }
        List<Method> methods = new ArrayList<>();
        for (Class<?> c : hierarchy) {
            List<Method> declared = new ArrayList<>();
            for (Method method : c.getDeclaredMethods()) {
                if (!method.isSynthetic() && !method.isBridge()) {
                    declared.add(method);
                }
            }
            List<String> order = ClassFileMethodOrder.of(c);
            if (order != null) {
                declared.sort(Comparator.comparingInt(m -> {
                    int at = order.indexOf(ClassFileMethodOrder.key(m));
                    return at < 0 ? Integer.MAX_VALUE : at;
                }));
            } else {
                declared.sort(Comparator.comparing(Method::getName));
            }
            methods.addAll(declared);
        }
        return methods;
    }

    /** The class a framework proxy (CGLIB {@code $$} subclass) stands for. */
    public static Class<?> userClass(Class<?> type) {
        Class<?> c = type;
        while (c.getName().contains("$$") && c.getSuperclass() != null && c.getSuperclass() != Object.class) {
            c = c.getSuperclass();
        }
        return c;
    }

    private static String decapitalize(String name) {
        if (name.isEmpty() || (name.length() > 1 && Character.isUpperCase(name.charAt(1)))) {
            return name;
        }
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
