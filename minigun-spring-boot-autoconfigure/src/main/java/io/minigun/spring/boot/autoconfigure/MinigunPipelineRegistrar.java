package io.minigun.spring.boot.autoconfigure;

import io.minigun.Minigun;
import io.minigun.Pipeline;
import io.minigun.PipelineBuilder;
import io.minigun.PipelineDefinitionException;
import io.minigun.annotation.Accumulator;
import io.minigun.internal.annotated.AnnotatedPipelines;
import io.minigun.annotation.Consumer;
import io.minigun.annotation.MinigunPipeline;
import io.minigun.annotation.Processor;
import io.minigun.annotation.Producer;
import io.minigun.annotation.Stage;
import io.minigun.execution.PipelineExecutor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.BeanInitializationException;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Discovers the application's pipelines once every singleton exists, and registers them with the
 * {@link PipelineExecutor}: each bean whose class is annotated {@link MinigunPipeline}, joined by the standalone
 * stage beans (a class carrying a stage annotation whose {@code pipeline} attribute names it), with
 * {@code minigun.pipelines.*} applied over the annotations. Every plan is built and validated here, so a bad pipeline
 * fails startup with its definition message, and so does a {@code minigun.pipelines}, {@code run-on-startup} or
 * stage bean that names a pipeline or stage that does not exist. The beans are the user's own ({@code @Component}s,
 * {@code @Bean}s) and the classes that {@link PipelineScanPostProcessor} found in the application's packages and
 * registered, so no other annotation is needed.
 *
 * <p>PROCESS stages get a {@link SpringStageRecipe}: their worker JVMs start this same application in worker mode
 * and take the stage from it, injected dependencies included. {@link #discoveredPipelines()} tells which beans make
 * up each pipeline.
 */
public final class MinigunPipelineRegistrar implements SmartInitializingSingleton, BeanFactoryAware {
    private static final Log log = LogFactory.getLog(MinigunPipelineRegistrar.class);
    static final List<Class<? extends Annotation>> STAGE_ANNOTATIONS =
            List.of(Producer.class, Processor.class, Accumulator.class, Consumer.class, Stage.class);

    private final PipelineExecutor executor;
    private final MinigunProperties properties;
    private final ObjectProvider<PipelineRegistrationListener> listeners;
    private final @Nullable RemoteStages remoteStages;
    private @Nullable ListableBeanFactory beanFactory;
    private volatile Map<String, DiscoveredPipeline> discovered = Map.of();

    /**
     * @param executor   the executor to register the pipelines with
     * @param properties the overrides to apply and the names to check
     * @param listeners  told about every registered pipeline once all are registered
     */
    public MinigunPipelineRegistrar(PipelineExecutor executor, MinigunProperties properties,
                                    ObjectProvider<PipelineRegistrationListener> listeners) {
        this(executor, properties, listeners, null);
    }

    MinigunPipelineRegistrar(PipelineExecutor executor, MinigunProperties properties,
                             ObjectProvider<PipelineRegistrationListener> listeners,
                             @Nullable RemoteStages remoteStages) {
        this.executor = executor;
        this.properties = properties;
        this.listeners = listeners;
        this.remoteStages = remoteStages;
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        if (!(beanFactory instanceof ListableBeanFactory listable)) {
            throw new IllegalStateException("MinigunPipelineRegistrar needs a ListableBeanFactory");
        }
        this.beanFactory = listable;
    }

    /** The pipelines discovered among the beans, by name, in registration order. */
    public Map<String, DiscoveredPipeline> discoveredPipelines() {
        return discovered;
    }

    @Override
    public void afterSingletonsInstantiated() {
        ListableBeanFactory beans = this.beanFactory;
        if (beans == null) {
            throw new IllegalStateException("No bean factory");
        }
        Map<String, String> pipelineBeans = pipelineBeans(beans);
        Map<String, List<String>> stageBeans = stageBeans(beans, pipelineBeans.keySet());
        checkOverrideNames(pipelineBeans.keySet());

        Map<String, DiscoveredPipeline> found = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : pipelineBeans.entrySet()) {
            String name = entry.getKey();
            String beanName = entry.getValue();
            List<String> stageNames = stageBeans.getOrDefault(name, List.of());
            register(beans, name, beanName, stageNames);
            found.put(name, new DiscoveredPipeline(name, beanName, stageNames));
        }
        discovered = Collections.unmodifiableMap(found);
        checkRunOnStartup();
        for (String name : executor.pipelineNames()) {
            Pipeline pipeline = executor.pipeline(name);
            listeners.orderedStream().forEach(listener -> listener.registered(pipeline));
        }
        if (!found.isEmpty()) {
            log.info("Minigun registered " + found.size() + " pipeline(s): " + String.join(", ", found.keySet()));
        }
    }

    private void register(ListableBeanFactory beans, String name, String beanName, List<String> stageNames) {
        String where = "Minigun pipeline '" + name + "' (bean '" + beanName + "'"
                + (stageNames.isEmpty() ? "" : ", stage beans " + stageNames) + ")";
        PipelineBuilder builder;
        try {
            Object bean = beans.getBean(beanName);
            List<Object> stages = new ArrayList<>();
            for (String stageName : stageNames) {
                stages.add(beans.getBean(stageName));
            }
            builder = Minigun.builderOf(bean, stages.toArray()).executor(executor);
        } catch (PipelineDefinitionException e) {
            throw new BeanInitializationException(where + " is invalid: " + e.getMessage(), e);
        }
        PipelineOverrides.apply(builder, name, properties.getPipelines().get(name),
                executor.defaults().contexts().keySet(), remoteStages);
        withSpringWorkers(beans, name, builder);
        Pipeline pipeline;
        try {
            pipeline = builder.build();
            executor.register(pipeline);
        } catch (PipelineDefinitionException | IllegalArgumentException e) {
            String fromProperties = properties.getPipelines().containsKey(name)
                    ? " (with the overrides of minigun.pipelines." + name + " applied)" : "";
            throw new BeanInitializationException(where + fromProperties + " is invalid: " + e.getMessage(), e);
        }
        PipelineOverrides.serveRemoteStages(pipeline, properties.getPipelines().get(name), remoteStages);
    }

    /**
     * Lets PROCESS workers obtain the stages by starting this same application in worker mode, so that stage beans
     * keep their injected dependencies there. Needs the one {@code @SpringBootConfiguration} class of the context.
     */
    private static void withSpringWorkers(ListableBeanFactory beans, String name, PipelineBuilder builder) {
        String[] applications = beans.getBeanNamesForAnnotation(SpringBootConfiguration.class);
        if (applications.length != 1) {
            return;
        }
        Class<?> application = beans.getType(applications[0]);
        if (application == null) {
            return;
        }
        String applicationClass = AnnotatedPipelines.userClass(application).getName();
        List<String> packages = List.of(AnnotatedPipelines.userClass(application).getPackageName());
        builder.recipes(stage -> new SpringStageRecipe(applicationClass, name, stage, packages));
    }

    private Map<String, String> pipelineBeans(ListableBeanFactory beans) {
        Map<String, String> pipelines = new LinkedHashMap<>();
        for (String beanName : inDefinitionOrder(beans, beans.getBeanNamesForAnnotation(MinigunPipeline.class))) {
            Class<?> type = beans.getType(beanName);
            if (ScopedProxyUtils.isScopedTarget(beanName) || type == null || !AnnotatedPipelines.isPipeline(type)) {
                continue;
            }
            String name = AnnotatedPipelines.pipelineName(type);
            String previous = pipelines.putIfAbsent(name, beanName);
            if (previous != null) {
                throw new BeanInitializationException("Beans '" + previous + "' and '" + beanName
                        + "' both declare a Minigun pipeline named '" + name + "'; pipeline names must be unique (if "
                        + "one is a @Bean for a class the pipeline scan also found, declare the @Bean method's return "
                        + "type as the pipeline class: the scan skips the classes that bean definitions declare)");
            }
        }
        return pipelines;
    }

    private Map<String, List<String>> stageBeans(ListableBeanFactory beans, Set<String> pipelines) {
        Set<String> candidates = new LinkedHashSet<>();
        for (Class<? extends Annotation> annotation : STAGE_ANNOTATIONS) {
            candidates.addAll(Arrays.asList(beans.getBeanNamesForAnnotation(annotation)));
        }
        Map<String, List<String>> stages = new LinkedHashMap<>();
        for (String beanName : inDefinitionOrder(beans, candidates.toArray(String[]::new))) {
            Class<?> type = beans.getType(beanName);
            if (ScopedProxyUtils.isScopedTarget(beanName) || type == null || AnnotatedPipelines.isPipeline(type)) {
                continue;
            }
            Optional<String> pipeline = AnnotatedPipelines.standalonePipeline(type);
            if (pipeline.isEmpty()) {
                continue;
            }
            if (!pipelines.contains(pipeline.get())) {
                throw new BeanInitializationException("Stage bean '" + beanName + "' (" + type.getName()
                        + ") joins pipeline '" + pipeline.get() + "', but no @MinigunPipeline bean declares a "
                        + "pipeline of that name; known pipelines: " + pipelines);
            }
            stages.computeIfAbsent(pipeline.get(), k -> new ArrayList<>()).add(beanName);
        }
        return stages;
    }

    private void checkOverrideNames(Set<String> discoveredNames) {
        for (String name : properties.getPipelines().keySet()) {
            if (discoveredNames.contains(name)) {
                continue;
            }
            String reason = executor.pipelineNames().contains(name)
                    ? "Pipeline '" + name + "' was registered directly with the PipelineExecutor; minigun.pipelines.* "
                    + "applies only to @MinigunPipeline beans"
                    : "No pipeline named '" + name + "'; known pipelines: " + union(discoveredNames);
            throw new InvalidConfigurationPropertyValueException("minigun.pipelines." + name, name, reason);
        }
    }

    private void checkRunOnStartup() {
        List<String> names = properties.getRunOnStartup();
        for (int i = 0; i < names.size(); i++) {
            if (!executor.pipelineNames().contains(names.get(i))) {
                throw new InvalidConfigurationPropertyValueException("minigun.run-on-startup[" + i + "]",
                        names.get(i), "No pipeline named '" + names.get(i) + "'; known pipelines: "
                        + executor.pipelineNames());
            }
        }
    }

    private Set<String> union(Set<String> discoveredNames) {
        Set<String> all = new LinkedHashSet<>(discoveredNames);
        all.addAll(executor.pipelineNames());
        return all;
    }

    /** Bean names sorted by bean definition order (manually registered singletons last), for a stable wiring order. */
    private static List<String> inDefinitionOrder(ListableBeanFactory beans, String[] names) {
        List<String> order = Arrays.asList(beans.getBeanDefinitionNames());
        List<String> sorted = new ArrayList<>(Arrays.asList(names));
        sorted.sort((a, b) -> Integer.compare(position(order, a), position(order, b)));
        return sorted;
    }

    private static int position(List<String> order, String name) {
        int at = order.indexOf(name);
        return at < 0 ? Integer.MAX_VALUE : at;
    }

    /**
     * The beans one pipeline was built from.
     *
     * @param name           the pipeline name
     * @param beanName       the {@code @MinigunPipeline} bean
     * @param stageBeanNames the standalone stage beans that joined it, in wiring order
     */
    public record DiscoveredPipeline(String name, String beanName, List<String> stageBeanNames) {

        public DiscoveredPipeline {
            stageBeanNames = List.copyOf(stageBeanNames);
        }
    }
}
