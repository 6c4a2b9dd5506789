package io.minigun.spring.boot.autoconfigure;

import io.minigun.internal.annotated.AnnotatedPipelines;
import io.minigun.annotation.MinigunPipeline;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.annotation.AnnotationBeanNameGenerator;
import org.springframework.context.annotation.AnnotationConfigUtils;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.MethodMetadata;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

import java.lang.annotation.Annotation;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Registers the classes annotated {@link MinigunPipeline}, and the standalone stage classes (a stage annotation on
 * the class, naming the pipeline it joins), found in the packages to scan as bean definitions: they need no other
 * annotation, since {@code @MinigunPipeline} lives in the Spring-free core and cannot be a stereotype. The packages
 * are those of the {@link MinigunPipelineScan} annotations when the application has any, the auto-configuration
 * packages (those of the {@code @SpringBootApplication} class) otherwise. Constructor injection works as for any
 * bean.
 *
 * <p>This runs once the configuration classes are processed, so every bean definition that component scanning and
 * {@code @Bean} methods contribute already exists. A found class is not registered again when a bean definition
 * declares it: as its bean class (a {@code @Component}, a registered bean) or as the return type of its
 * {@code @Bean} method. A {@code @Bean} method declared to return a supertype hides the class; the pipeline is then
 * registered twice and startup fails saying so. A registered class is named as component scanning would name it, or
 * by its fully qualified name when a bean of another type already has that name.
 */
final class PipelineScanPostProcessor implements BeanDefinitionRegistryPostProcessor {
    private static final Log log = LogFactory.getLog(PipelineScanPostProcessor.class);

    private final Environment environment;
    private final ResourceLoader resourceLoader;

    PipelineScanPostProcessor(Environment environment, ResourceLoader resourceLoader) {
        this.environment = environment;
        this.resourceLoader = resourceLoader;
    }

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        List<String> packages = packagesToScan(registry);
        if (packages.isEmpty()) {
            log.debug("No @MinigunPipelineScan and no auto-configuration packages: no pipeline classes to scan for");
            return;
        }
        Set<String> declared = declaredClassNames(registry);
        ClassPathScanningCandidateComponentProvider scanner = scanner(registry);
        for (String basePackage : packages) {
            for (BeanDefinition candidate : scanner.findCandidateComponents(basePackage)) {
                if (candidate instanceof AnnotatedBeanDefinition annotated
                        && !declared.contains(annotated.getMetadata().getClassName())) {
                    register(registry, annotated);
                }
            }
        }
    }

    private static List<String> packagesToScan(BeanDefinitionRegistry registry) {
        if (!(registry instanceof BeanFactory beanFactory)) {
            return List.of();
        }
        List<String> explicit = MinigunPipelineScanPackages.get(beanFactory);
        if (!explicit.isEmpty()) {
            return explicit;
        }
        return AutoConfigurationPackages.has(beanFactory) ? AutoConfigurationPackages.get(beanFactory) : List.of();
    }

    /** The classes the existing bean definitions declare: bean classes, and the return types of factory methods. */
    private static Set<String> declaredClassNames(BeanDefinitionRegistry registry) {
        Set<String> names = new HashSet<>();
        for (String beanName : registry.getBeanDefinitionNames()) {
            String declared = declaredClassName(registry.getBeanDefinition(beanName));
            if (declared != null) {
                names.add(declared);
            }
        }
        return names;
    }

    private static @Nullable String declaredClassName(BeanDefinition definition) {
        if (definition instanceof AnnotatedBeanDefinition annotated) {
            MethodMetadata factoryMethod = annotated.getFactoryMethodMetadata();
            if (factoryMethod != null) {
                return factoryMethod.getReturnTypeName();
            }
        }
        return definition.getBeanClassName();
    }

    private ClassPathScanningCandidateComponentProvider scanner(BeanDefinitionRegistry registry) {
        ClassPathScanningCandidateComponentProvider scanner =
                new ClassPathScanningCandidateComponentProvider(false, environment);
        scanner.setResourceLoader(resourceLoader);
        scanner.addIncludeFilter(new AnnotationTypeFilter(MinigunPipeline.class, false));
        for (Class<? extends Annotation> stage : MinigunPipelineRegistrar.STAGE_ANNOTATIONS) {
            scanner.addIncludeFilter(new AnnotationTypeFilter(stage, false));
        }
        TypeExcludeFilter typeExcludeFilter = new TypeExcludeFilter();
        if (registry instanceof BeanFactory beanFactory) {
            typeExcludeFilter.setBeanFactory(beanFactory);
        }
        scanner.addExcludeFilter(typeExcludeFilter);
        return scanner;
    }

    private void register(BeanDefinitionRegistry registry, AnnotatedBeanDefinition candidate) {
        String className = candidate.getMetadata().getClassName();
        Class<?> type = ClassUtils.resolveClassName(className, resourceLoader.getClassLoader());
        if (!AnnotatedPipelines.isPipeline(type) && AnnotatedPipelines.standalonePipeline(type).isEmpty()) {
            return; // a stage class that joins no pipeline is not one of ours to create
        }
        AnnotationConfigUtils.processCommonDefinitionAnnotations(candidate);
        String beanName = AnnotationBeanNameGenerator.INSTANCE.generateBeanName(candidate, registry);
        if (registry.containsBeanDefinition(beanName)) {
            beanName = className;
        }
        registry.registerBeanDefinition(beanName, candidate);
        log.debug("Registered " + className + " found by the pipeline scan as bean '" + beanName + "'");
    }
}
