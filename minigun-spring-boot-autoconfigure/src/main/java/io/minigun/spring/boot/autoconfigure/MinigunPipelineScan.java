package io.minigun.spring.boot.autoconfigure;

import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Chooses the packages scanned for classes annotated {@link io.minigun.annotation.MinigunPipeline} and for standalone
 * stage classes (a stage annotation on the class, naming the pipeline it joins), which then become beans with no
 * other annotation. Put it on a {@code @Configuration} class (or the {@code @SpringBootApplication} class) when some
 * pipelines live outside the application's packages.
 *
 * <p>Without it, the auto-configuration packages are scanned: the package of the {@code @SpringBootApplication}
 * class and the packages below it. When present, its packages are scanned <em>instead</em> (as with
 * {@code @EntityScan}); list the application's own package too if it holds pipelines, e.g.
 * {@code @MinigunPipelineScan(basePackageClasses = {MyApplication.class, PartnerPipeline.class})}. Without
 * attributes, it scans the package of the class it annotates. The packages of several such annotations add up.
 *
 * <p>As without it, a class that a bean definition already declares (a {@code @Component} found by component
 * scanning, or a {@code @Bean} method whose return type is that class) is not registered a second time, and
 * {@code minigun.enabled=false} registers nothing.
 *
 * @see MinigunAutoConfiguration
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import(MinigunPipelineScanPackages.Registrar.class)
public @interface MinigunPipelineScan {

    /** Alias for {@link #basePackages()}. */
    @AliasFor("basePackages")
    String[] value() default {};

    /** The packages to scan, with the packages below them. */
    @AliasFor("value")
    String[] basePackages() default {};

    /** Classes whose packages (with the packages below them) are scanned: a type-safe {@link #basePackages()}. */
    Class<?>[] basePackageClasses() default {};
}
