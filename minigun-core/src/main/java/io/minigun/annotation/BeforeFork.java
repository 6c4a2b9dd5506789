package io.minigun.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs in the parent at each run of a PROCESS stage, before the stage starts its worker JVMs (or takes them warm from
 * an earlier run). The method takes no argument or a {@code RunContext}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface BeforeFork {
}
