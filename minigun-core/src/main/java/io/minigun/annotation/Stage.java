package io.minigun.annotation;

import io.minigun.Affinity;
import io.minigun.ContextType;
import io.minigun.Routing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A loop stage: a method {@code (Input<I>, Output<O>)}, optionally with a trailing {@code RunContext}, that reads
 * its own input.
 * On a class, it declares a standalone stage bean that implements the matching stage interface and joins the
 * pipeline named by {@link #pipeline()}. Numeric attributes left at {@code -1} and enums left at their {@code AUTO}
 * value are not set.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Stage {
    /** The stage name; defaults to the method name (or the bean's simple class name, lower-cased first letter). */
    String name() default "";

    /** On a class: the pipeline this standalone stage joins. */
    String pipeline() default "";

    /** Static edges to these stages. */
    String[] to() default {};

    /** Static edges from these stages. */
    String[] from() default {};

    /** How items are distributed over several downstream stages. */
    Routing routing() default Routing.BROADCAST;

    /** The context the stage's items run in. */
    ContextType concurrency() default ContextType.AUTO;

    /** Pool size of a THREAD stage. */
    int threads() default -1;

    /** Worker count of the stage's context. */
    int poolSize() default -1;

    /** A named context defined on the pipeline. */
    String context() default "";

    /** Whether the stage may be fused with its upstream. */
    Affinity affinity() default Affinity.AUTO;

    /** Input queue capacity. */
    int queueSize() default -1;

    /** Retries of a failing item. */
    int retries() default -1;

    /** Whether the stage expects only dynamically routed input. */
    boolean await() default false;
}
