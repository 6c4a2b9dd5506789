/**
 * The {@code minigun} actuator endpoint: list pipelines, inspect one (plan, live stats, last result), start and
 * cancel runs.
 */
@NullMarked
package io.minigun.spring.boot.actuate.endpoint;

import org.jspecify.annotations.NullMarked;
