package io.minigun.spring.boot.autoconfigure;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Guards the conventions of the auto-configuration classes: registration, final classes, back-off on every bean. */
class AutoConfigurationConventionsTests {

    private static final List<Class<?>> AUTO_CONFIGURATIONS = List.of(MinigunAutoConfiguration.class,
            MinigunKafkaAutoConfiguration.class,
            MinigunMetricsAutoConfiguration.class, MinigunEndpointAutoConfiguration.class);

    @Test
    void theImportsFileListsEveryAutoConfiguration() throws IOException {
        String imports = new ClassPathResource(
                "META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports")
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(imports.lines().map(String::trim).filter(l -> !l.isEmpty()).toList())
                .containsExactlyElementsOf(AUTO_CONFIGURATIONS.stream().map(Class::getName).toList());
    }

    @Test
    void autoConfigurationsAreSmallFinalAnnotatedClasses() {
        for (Class<?> type : AUTO_CONFIGURATIONS) {
            assertThat(Modifier.isFinal(type.getModifiers())).as(type.getName() + " is final").isTrue();
            assertThat(type.isAnnotationPresent(AutoConfiguration.class)).as(type.getName()).isTrue();
        }
    }

    @Test
    void everyBeanMethodIsConditionalOnMissingBean() {
        List<String> offenders = new ArrayList<>();
        int beans = 0;
        for (Class<?> type : AUTO_CONFIGURATIONS) {
            for (Class<?> c : withNested(type)) {
                for (Method method : c.getDeclaredMethods()) {
                    if (method.isAnnotationPresent(Bean.class)) {
                        beans++;
                        if (!method.isAnnotationPresent(ConditionalOnMissingBean.class)) {
                            offenders.add(c.getSimpleName() + "." + method.getName());
                        }
                    }
                }
            }
        }
        assertThat(beans).isGreaterThanOrEqualTo(7);
        assertThat(offenders).as("@Bean methods that must be annotated with @ConditionalOnMissingBean").isEmpty();
    }

    private static List<Class<?>> withNested(Class<?> type) {
        List<Class<?>> all = new ArrayList<>(List.of(type));
        for (Class<?> nested : type.getDeclaredClasses()) {
            all.addAll(withNested(nested));
        }
        return all;
    }
}
