package io.minigun.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a pipeline: the class's methods annotated with {@link Producer}, {@link Processor}, {@link Accumulator},
 * {@link Consumer} and {@link Stage} are its stages, wired in source declaration order. Numeric attributes left at
 * {@code -1} inherit the executor's defaults.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface MinigunPipeline {
    /** The pipeline name; defaults to the class's simple name with a lower-case first letter. */
    String name() default "";

    /** Default pool size of THREAD stages. */
    int threads() default -1;

    /** Default number of worker JVMs of PROCESS stages. */
    int processes() default -1;

    /** Default retries of a failing item. */
    int retries() default -1;

    /** Whether the plan may fuse stages with their upstream. */
    boolean inline() default true;

    /** Default input queue capacity. */
    int queueSize() default -1;
}
