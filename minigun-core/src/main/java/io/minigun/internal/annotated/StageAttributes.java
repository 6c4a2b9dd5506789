package io.minigun.internal.annotated;

import io.minigun.Affinity;
import io.minigun.ContextType;
import io.minigun.PipelineDefinitionException;
import io.minigun.Routing;
import io.minigun.StageSpec;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the attributes shared by the five stage annotations into a {@link StageSpec}. */
final class StageAttributes {
    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)\\s*(ns|us|µs|ms|s|m|h|d)");

    private final Annotation annotation;

    StageAttributes(Annotation annotation) {
        this.annotation = annotation;
    }

    String name() {
        return string("name");
    }

    String pipeline() {
        return string("pipeline");
    }

    /** Applies every attribute that was set; {@code where} names the stage for error messages. */
    void applyTo(StageSpec spec, String where) {
        String[] to = (String[]) value("to");
        if (to.length > 0) {
            spec.to(to);
        }
        String[] from = (String[]) value("from");
        if (from.length > 0) {
            spec.from(from);
        }
        Routing routing = (Routing) value("routing");
        if (routing != Routing.BROADCAST) {
            spec.routing(routing);
        }
        ContextType concurrency = (ContextType) value("concurrency");
        if (concurrency != ContextType.AUTO) {
            spec.concurrency(concurrency);
        }
        ifSet("threads", spec::threads);
        ifSet("poolSize", spec::poolSize);
        String context = string("context");
        if (!context.isEmpty()) {
            spec.context(context);
        }
        Affinity affinity = (Affinity) value("affinity");
        if (affinity != Affinity.AUTO) {
            spec.affinity(affinity);
        }
        ifSet("queueSize", spec::queueSize);
        ifSet("retries", spec::retries);
        if ((Boolean) value("await")) {
            spec.await(true);
        }
        if (has("maxSize")) {
            ifSet("maxSize", spec::maxSize);
            String maxWait = string("maxWait");
            if (!maxWait.isBlank()) {
                spec.maxWait(parseDuration(maxWait, where + " maxWait"));
            }
        }
    }

    /** {@code "200ms"}, {@code "2s"}, {@code "1m"} and the like, or an ISO-8601 duration such as {@code "PT0.2S"}. */
    static Duration parseDuration(String text, String where) {
        String trimmed = text.trim();
        Matcher simple = SIMPLE_DURATION.matcher(trimmed.toLowerCase(Locale.ROOT));
        if (simple.matches()) {
            long amount = Long.parseLong(simple.group(1));
            return switch (simple.group(2)) {
                case "ns" -> Duration.ofNanos(amount);
                case "us", "µs" -> Duration.ofNanos(amount * 1000);
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        try {
            return Duration.parse(trimmed);
        } catch (DateTimeParseException e) {
            throw new PipelineDefinitionException(where + " is '" + text + "', which is not a duration; write it as "
                    + "\"200ms\", \"2s\", \"1m\" or ISO-8601 such as \"PT0.2S\"");
        }
    }

    private void ifSet(String attribute, java.util.function.IntConsumer setter) {
        int value = (Integer) value(attribute);
        if (value != -1) {
            setter.accept(value);
        }
    }

    private boolean has(String attribute) {
        try {
            annotation.annotationType().getMethod(attribute);
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private String string(String attribute) {
        return (String) value(attribute);
    }

    private Object value(String attribute) {
        try {
            Method method = annotation.annotationType().getMethod(attribute);
            return method.invoke(annotation);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("@" + annotation.annotationType().getSimpleName() + " has no "
                    + attribute, e);
        }
    }
}
