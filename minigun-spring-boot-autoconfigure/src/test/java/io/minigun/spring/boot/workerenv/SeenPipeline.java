package io.minigun.spring.boot.workerenv;

import io.minigun.ContextType;
import io.minigun.Output;
import io.minigun.annotation.Consumer;
import io.minigun.annotation.MinigunPipeline;
import io.minigun.annotation.Processor;
import io.minigun.annotation.Producer;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One item through a PROCESS stage that emits what its worker JVM sees: its PID, its JVM arguments, its active
 * profiles and the values of a few properties, read from the worker's own application context.
 */
@Component
@MinigunPipeline(name = "seen")
public class SeenPipeline {
    static final List<String> PROPERTIES = List.of("seen.from-profile", "seen.from-command-line", "worker.marker",
            "minigun.worker");

    private final Environment environment;
    private final List<Map<String, String>> received = Collections.synchronizedList(new ArrayList<>());

    public SeenPipeline(Environment environment) {
        this.environment = environment;
    }

    @Producer
    void one(Output<Integer> out) {
        out.emit(1);
    }

    @Processor(concurrency = ContextType.PROCESS, poolSize = 1)
    Map<String, String> look(Integer item) {
        Map<String, String> seen = new LinkedHashMap<>();
        seen.put("pid", String.valueOf(ProcessHandle.current().pid()));
        seen.put("jvm", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        seen.put("profiles", Arrays.toString(environment.getActiveProfiles()));
        for (String property : PROPERTIES) {
            seen.put(property, environment.getProperty(property));
        }
        seen.put("unneeded.created", String.valueOf(UnneededService.CREATED.get()));
        return seen;
    }

    @Consumer
    void collect(Map<String, String> seen) {
        received.add(seen);
    }

    List<Map<String, String>> received() {
        return received;
    }
}
