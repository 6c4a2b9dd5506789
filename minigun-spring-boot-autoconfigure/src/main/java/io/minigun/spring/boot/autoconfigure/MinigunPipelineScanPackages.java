package io.minigun.spring.boot.autoconfigure;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.annotation.AnnotationAttributes;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The packages named by the application's {@link MinigunPipelineScan} annotations, kept as a bean definition that
 * each annotation adds to (as Boot's {@code EntityScanPackages} does for {@code @EntityScan}) and that
 * {@link PipelineScanPostProcessor} reads.
 */
final class MinigunPipelineScanPackages {
    private static final String BEAN = MinigunPipelineScanPackages.class.getName();

    private final List<String> packageNames;

    private MinigunPipelineScanPackages(List<String> packageNames) {
        this.packageNames = List.copyOf(packageNames);
    }

    /** The packages every {@link MinigunPipelineScan} of the bean factory named; empty when there is none. */
    static List<String> get(BeanFactory beanFactory) {
        if (beanFactory.containsBean(BEAN)) {
            return beanFactory.getBean(BEAN, MinigunPipelineScanPackages.class).packageNames;
        }
        return List.of();
    }

    /** Adds packages to scan: registers the holder with the first, adds to it after. */
    static void register(BeanDefinitionRegistry registry, Collection<String> packageNames) {
        if (registry.containsBeanDefinition(BEAN)
                && registry.getBeanDefinition(BEAN) instanceof PackagesBeanDefinition packages) {
            packages.packageNames.addAll(packageNames);
        } else {
            registry.registerBeanDefinition(BEAN, new PackagesBeanDefinition(packageNames));
        }
    }

    /** Adds the packages of one {@link MinigunPipelineScan}, unless {@code minigun.enabled=false}. */
    static final class Registrar implements ImportBeanDefinitionRegistrar {
        private final Environment environment;

        Registrar(Environment environment) {
            this.environment = environment;
        }

        @Override
        public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
            if (environment.getProperty("minigun.enabled", Boolean.class, true)) {
                register(registry, packagesToScan(metadata));
            }
        }

        private static Set<String> packagesToScan(AnnotationMetadata metadata) {
            AnnotationAttributes attributes = AnnotationAttributes.fromMap(
                    metadata.getAnnotationAttributes(MinigunPipelineScan.class.getName()));
            Set<String> packages = new LinkedHashSet<>();
            if (attributes != null) {
                packages.addAll(Arrays.asList(attributes.getStringArray("basePackages")));
                for (Class<?> type : attributes.getClassArray("basePackageClasses")) {
                    packages.add(type.getPackageName());
                }
            }
            packages.removeIf(name -> !StringUtils.hasText(name));
            if (packages.isEmpty()) {
                packages.add(ClassUtils.getPackageName(metadata.getClassName()));
            }
            return packages;
        }
    }

    /** Collects the package names while the configuration classes are read; creates the holder from them. */
    private static final class PackagesBeanDefinition extends RootBeanDefinition {
        private final Set<String> packageNames = new LinkedHashSet<>();

        PackagesBeanDefinition(Collection<String> packageNames) {
            setBeanClass(MinigunPipelineScanPackages.class);
            setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
            this.packageNames.addAll(packageNames);
        }

        @Override
        public Supplier<?> getInstanceSupplier() {
            return () -> new MinigunPipelineScanPackages(List.copyOf(packageNames));
        }
    }
}
