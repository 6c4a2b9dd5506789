package io.minigun.spring.boot.autoconfigure;

import org.springframework.core.env.CommandLinePropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The JVM arguments of the worker JVMs of a Spring application's PROCESS stages. A worker starts the same
 * application to take its stage from it, without the parent's command line, so it is told what the parent's
 * configuration holds beyond the application's files, as system properties:
 * <ol>
 *   <li>the system properties the parent JVM was started with ({@code -Dkey=value}, with their current values),
 *       except the ones about the worker's own launch ({@code minigun.worker}, Spring Boot's {@code loader.*}) and
 *       JMX remote settings (a second JVM on the same port would not start);</li>
 *   <li>the parent's command-line properties ({@code --key=value}), which win over those as they do in the
 *       parent;</li>
 *   <li>the parent's active profiles ({@code spring.profiles.active}), however they were activated;</li>
 *   <li>last, {@code minigun.process.jvm-args}: the options written for the workers win.</li>
 * </ol>
 * In the worker the first three are system properties, which Spring reads right below command-line arguments, so
 * they rank over the application's configuration files and environment variables there as they do in the parent.
 */
final class WorkerJvmArguments {
    private static final List<String> NOT_PASSED = List.of("minigun.worker", "loader.", "com.sun.management.");

    private WorkerJvmArguments() {
    }

    /**
     * @param environment    the parent's environment: its command-line properties and active profiles
     * @param inputArguments the parent JVM's arguments ({@code RuntimeMXBean.getInputArguments()})
     * @param systemProperty the current value of a system property of the parent, or null
     * @param jvmArgs        {@code minigun.process.jvm-args}
     */
    static List<String> of(ConfigurableEnvironment environment, List<String> inputArguments,
                           UnaryOperator<String> systemProperty, List<String> jvmArgs) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String argument : inputArguments) {
            if (argument.startsWith("-D") && argument.length() > 2) {
                int equals = argument.indexOf('=');
                String name = equals < 0 ? argument.substring(2) : argument.substring(2, equals);
                String value = systemProperty.apply(name);
                if (value != null && isPassed(name)) {
                    properties.put(name, value);
                }
            }
        }
        PropertySource<?> commandLine = environment.getPropertySources()
                .get(CommandLinePropertySource.COMMAND_LINE_PROPERTY_SOURCE_NAME);
        if (commandLine instanceof EnumerablePropertySource<?> options) {
            for (String name : options.getPropertyNames()) {
                Object value = options.getProperty(name);
                if (isPassed(name)) {
                    properties.put(name, value == null ? "" : value.toString());
                }
            }
        }
        String[] profiles = environment.getActiveProfiles();
        if (profiles.length > 0) {
            properties.put("spring.profiles.active", String.join(",", Arrays.asList(profiles)));
        }
        List<String> arguments = new ArrayList<>();
        properties.forEach((name, value) -> arguments.add("-D" + name + "=" + value));
        arguments.addAll(jvmArgs);
        return arguments;
    }

    private static boolean isPassed(String name) {
        for (String prefix : NOT_PASSED) {
            if (name.equals(prefix) || (prefix.endsWith(".") && name.startsWith(prefix))) {
                return false;
            }
        }
        return true;
    }
}
