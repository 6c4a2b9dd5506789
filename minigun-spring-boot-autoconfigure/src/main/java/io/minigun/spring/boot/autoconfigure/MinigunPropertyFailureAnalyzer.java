package io.minigun.spring.boot.autoconfigure;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;

import java.time.Duration;

/**
 * Reports a {@code minigun.*} duration that does not parse (for example {@code minigun.concurrency.backoff=fast})
 * with the key, the value and the format to write, where Boot's own analysis says only "Update your application's
 * configuration". Runs before Boot's; other binding failures are left to Boot.
 */
final class MinigunPropertyFailureAnalyzer extends AbstractFailureAnalyzer<BindException> implements Ordered {

    @Override
    protected @Nullable FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
        String key = cause.getName().toString();
        if (!key.startsWith("minigun.") || cause.getTarget().getType().resolve() != Duration.class) {
            return null;
        }
        ConfigurationProperty property = cause.getProperty();
        String value = property != null ? String.valueOf(property.getValue()) : "?";
        String origin = property != null && property.getOrigin() != null ? " (from " + property.getOrigin() + ")" : "";
        return new FailureAnalysis("Property " + key + " with value '" + value + "'" + origin + " is not a duration.",
                "Set " + key + " to a number with a unit, for example 100ms, 2s or 1m (units ns, us, ms, s, m, h, d; "
                        + "a number alone means milliseconds), or to an ISO-8601 duration such as PT0.5S.", cause);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
