package io.minigun.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs inside each worker JVM when it starts. The method takes no argument or a {@code RunContext}. It runs once per
 * worker JVM, not once per run: a worker kept warm across runs ({@code ProcessOptions.withKeepAlive}, on by default
 * under Spring Boot) runs it when it starts, with the context of the run that started it, and not again for later
 * runs; stage code sees each run's own context.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface AfterFork {
}
