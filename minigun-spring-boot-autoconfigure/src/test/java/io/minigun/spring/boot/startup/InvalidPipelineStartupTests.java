package io.minigun.spring.boot.startup;

import io.minigun.Output;
import io.minigun.annotation.MinigunPipeline;
import io.minigun.annotation.Processor;
import io.minigun.annotation.Producer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThat;

/** A bad pipeline or a bad property stops the application from starting, with a message that says what and where. */
@Timeout(60)
@ExtendWith(OutputCaptureExtension.class)
class InvalidPipelineStartupTests {

    @Test
    void aPipelineWithACycleMakesTheApplicationFailToStartWithTheCycleNamed(CapturedOutput output) {
        SpringApplicationBuilder application = new SpringApplicationBuilder(CycleApplication.class)
                .web(WebApplicationType.NONE);

        assertThatThrownBy(application::run)
                .hasMessageContaining("Minigun pipeline 'loopy' (bean 'loopy') is invalid")
                .hasMessageContaining("Pipeline 'loopy' has a cycle: a -> b -> a");
        // the failure analyzer turns it into a readable report
        assertThat(output.getOut() + output.getErr())
                .contains("APPLICATION FAILED TO START")
                .contains("has a cycle: a -> b -> a")
                .contains("Fix the pipeline definition named above");
    }

    @Test
    void anInvalidPropertyMakesTheApplicationFailToStartNamingTheKey(CapturedOutput output) {
        assertThat(failedStartReport(output, "minigun.concurrency.threads=0"))
                .contains("minigun.concurrency.threads")
                .contains("Must be at least 1");
    }

    @Test
    void anUnreadableDurationMakesTheApplicationFailToStartWithTheFormatToWrite(CapturedOutput output) {
        assertThat(failedStartReport(output, "minigun.concurrency.backoff=fast"))
                .contains("Property minigun.concurrency.backoff with value 'fast'")
                .contains("Set minigun.concurrency.backoff to a number with a unit, for example 100ms, 2s or 1m");
    }

    @Test
    void anUnknownContextTypeMakesTheApplicationFailToStartListingTheTypes(CapturedOutput output) {
        assertThat(failedStartReport(output, "minigun.contexts.io.type=fork"))
                .contains("Property: minigun.contexts.io.type")
                .contains("Value: \"fork\"")
                .containsPattern("The following values are valid:\\s+AUTO\\s+INLINE\\s+PROCESS\\s+THREAD\\s+VIRTUAL");
    }

    /** Starts the application with {@code property}, expects it to fail naming the key, and returns the report. */
    private static String failedStartReport(CapturedOutput output, String property) {
        SpringApplicationBuilder application = new SpringApplicationBuilder(CycleApplication.class)
                .web(WebApplicationType.NONE)
                .properties(property);

        assertThatThrownBy(application::run).hasStackTraceContaining(property.substring(0, property.indexOf('=')));
        String report = output.getOut() + output.getErr();
        assertThat(report).contains("APPLICATION FAILED TO START");
        return report;
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class CycleApplication {
        @Bean
        Loopy loopy() {
            return new Loopy();
        }
    }

    @MinigunPipeline(name = "loopy")
    static class Loopy {
        @Producer
        void start(Output<Integer> out) {
            out.emit(1);
        }

        @Processor(name = "a", to = "b")
        Integer a(Integer n) {
            return n;
        }

        @Processor(name = "b", to = "a")
        Integer b(Integer n) {
            return n;
        }
    }
}
