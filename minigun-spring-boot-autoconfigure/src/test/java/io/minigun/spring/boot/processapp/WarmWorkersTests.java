package io.minigun.spring.boot.processapp;

import io.minigun.RunResult;
import io.minigun.RunStatus;
import io.minigun.execution.PipelineExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With the default {@code minigun.process.keep-alive}, the worker JVMs of a Spring application's PROCESS stage (each
 * one a copy of the application) are started by the first run, reused by the next, and stopped with the context.
 */
@Timeout(240)
@ExtendWith(OutputCaptureExtension.class)
class WarmWorkersTests {
    private static final Pattern READY = Pattern.compile(
            "Stage 'greetings/greet': 2 worker JVM\\(s\\) ready in (\\d+) ms \\((\\d) warm, (\\d) started\\)");

    private static final Pattern BOOTED = Pattern.compile("\\[greetings/greet worker \\d] .*Started \\w+ in ");

    @BeforeEach
    void noWorkerBefore() {
        await().atMost(30, TimeUnit.SECONDS).until(() -> ProcessHandle.current().children().count() == 0);
    }

    @Test
    void aSecondRunReusesTheWarmWorkersAndClosingTheContextStopsThem(CapturedOutput output) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ProcessApplication.class)
                .web(WebApplicationType.NONE)
                .properties("minigun.progress.interval=0")
                .run();
        Set<Long> first;
        Set<Long> second;
        try {
            PipelineExecutor executor = context.getBean(PipelineExecutor.class);
            GreetingPipeline pipeline = context.getBean(GreetingPipeline.class);

            first = run(executor, pipeline, "run-1");
            assertThat(children()).as("workers kept warm after run 1").isEqualTo(first);
            second = run(executor, pipeline, "run-2");
        } finally {
            context.close();
        }

        assertThat(first).hasSize(2).doesNotContain(ProcessHandle.current().pid());
        // fast items are dealt by their cost, so one warm worker may serve a whole run: what matters is that run 2
        // ran on run 1's processes, and (below) that it took both of them warm
        assertThat(second).as("the workers of run 2").isNotEmpty().isSubsetOf(first);
        assertThat(children()).as("child processes once the context is closed").isEmpty();
        List<Matcher> ready = READY.matcher(output.getOut()).results()
                .map(result -> READY.matcher(result.group())).peek(Matcher::matches).toList();
        assertThat(ready).as("a ready line per run").hasSize(2);
        assertThat(ready.get(0).group(3)).as("run 1 started its workers").isEqualTo("2");
        assertThat(ready.get(1).group(2)).as("run 2 took them warm").isEqualTo("2");
        System.out.println("Worker ready time of greetings/greet: first run " + ready.get(0).group(1)
                + " ms, second run " + ready.get(1).group(1) + " ms");
    }

    @Test
    void workersStartedOnStartupServeTheFirstRun(CapturedOutput output) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ProcessApplication.class)
                .web(WebApplicationType.NONE)
                .properties("minigun.progress.interval=0", "minigun.process.start-workers-on-startup=true")
                .run();
        Set<Long> started;
        Set<Long> first;
        try {
            started = children();
            assertThat(context.getBean(PipelineExecutor.class).warmWorkers()).isEqualTo(2);
            // the workers log their application's start (on stderr, which the parent logs): then they are booted
            await().atMost(120, TimeUnit.SECONDS).until(() -> BOOTED.matcher(output.getOut()).results().count() == 2);
            first = run(context.getBean(PipelineExecutor.class), context.getBean(GreetingPipeline.class), "run-1");
        } finally {
            context.close();
        }

        assertThat(started).as("worker JVMs once the application is ready").hasSize(2);
        // warm workers may split a run of fast items any way, even all to one: the ready line says both were taken
        assertThat(first).as("the workers of the first run").isNotEmpty().isSubsetOf(started);
        assertThat(children()).as("child processes once the context is closed").isEmpty();
        Matcher ready = READY.matcher(output.getOut());
        assertThat(ready.find()).as("the ready line of the first run").isTrue();
        assertThat(ready.group(2)).as("the first run took both workers warm").isEqualTo("2");
        System.out.println("Worker ready time of greetings/greet, workers started on startup: first run "
                + ready.group(1) + " ms");
    }

    /** Runs the pipeline with parameter {@code tag}; returns the worker PIDs its greetings came from. */
    private static Set<Long> run(PipelineExecutor executor, GreetingPipeline pipeline, String tag) {
        pipeline.received().clear();
        RunResult result = executor.run("greetings", Map.of("tag", tag));
        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(pipeline.received()).hasSize(40)
                .allSatisfy(greeting -> assertThat(greeting).startsWith("hello ").contains(" in " + tag + " from "));
        return pipeline.received().stream()
                .map(greeting -> Long.parseLong(greeting.substring(greeting.lastIndexOf(' ') + 1)))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<Long> children() {
        return ProcessHandle.current().children().map(ProcessHandle::pid)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
