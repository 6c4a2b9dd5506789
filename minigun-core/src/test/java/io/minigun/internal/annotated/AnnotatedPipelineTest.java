package io.minigun.internal.annotated;

import io.minigun.annotation.MinigunPipeline;
import io.minigun.annotation.Producer;
import io.minigun.annotation.Processor;
import io.minigun.annotation.Accumulator;
import io.minigun.annotation.Consumer;
import io.minigun.annotation.Stage;
import io.minigun.annotation.BeforeRun;
import io.minigun.annotation.AfterRun;
import io.minigun.annotation.AfterStage;


import io.minigun.Input;
import io.minigun.Minigun;
import io.minigun.Output;
import io.minigun.Pipeline;
import io.minigun.PipelineDefinitionException;
import io.minigun.ProcessorFunction;
import io.minigun.RunContext;
import io.minigun.RunResult;
import io.minigun.RunStatus;
import io.minigun.execution.PipelineExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(30)
class AnnotatedPipelineTest {

    /** Declared in an order that is neither alphabetical nor reflection's: the wiring must follow the source. */
    @MinigunPipeline(name = "orders", threads = 3)
    static class Orders {
        final List<String> saved = Collections.synchronizedList(new ArrayList<>());
        final List<String> events = Collections.synchronizedList(new ArrayList<>());

        @Producer
        void zGenerate(Output<Integer> out) {
            for (int i = 1; i <= 5; i++) {
                out.emit(i);
            }
        }

        @Processor
        Integer yTriple(Integer n) {
            return n * 3;
        }

        @Processor
        void xLabel(Integer n, Output<String> out, RunContext context) {
            out.emit(context.parameters().getOrDefault("prefix", "#") + String.valueOf(n));
        }

        @Accumulator(maxSize = 2)
        String wJoin(List<String> batch) {
            return String.join("+", batch);
        }

        @Consumer
        void aSave(String line) {
            saved.add(line);
        }

        @BeforeRun
        void start() {
            events.add("beforeRun");
        }

        @AfterStage("aSave")
        void saveDone(RunContext context) {
            events.add("after aSave " + context.pipelineName());
        }

        @AfterRun
        void end() {
            events.add("afterRun");
        }
    }

    @Test
    void stagesAreWiredInSourceDeclarationOrderWithEveryMethodShape() {
        Orders orders = new Orders();
        Pipeline pipeline = Minigun.fromAnnotated(orders);

        RunResult result = pipeline.run(Map.of("prefix", "n"));

        assertThat(pipeline.name()).isEqualTo("orders");
        assertThat(pipeline.plan().stages()).extracting(s -> s.name())
                .containsExactly("zGenerate", "yTriple", "xLabel", "wJoin", "aSave");
        assertThat(orders.saved).containsExactly("n3+n6", "n9+n12", "n15");
        assertThat(orders.events).containsExactly("beforeRun", "after aSave orders", "afterRun");
        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
    }

    @MinigunPipeline
    static class Sources {
        final List<Integer> seen = Collections.synchronizedList(new ArrayList<>());

        @Producer
        Stream<Integer> numbers() {
            return IntStream.range(0, 4).boxed();
        }

        @Stage
        void evens(Input<Integer> in, Output<Integer> out) {
            for (Integer n : in) {
                if (n % 2 == 0) {
                    out.emit(n);
                }
            }
        }

        @Consumer
        void keep(Integer n) {
            seen.add(n);
        }
    }

    @Test
    void producerReturningAStreamAndLoopStage() {
        Sources sources = new Sources();
        Pipeline pipeline = Minigun.fromAnnotated(sources);
        pipeline.run();
        assertThat(pipeline.name()).isEqualTo("sources");
        assertThat(sources.seen).containsExactly(0, 2);
    }

    @MinigunPipeline
    static class Mismatched {
        @Producer
        void numbers(Output<Integer> out) {
            out.emit(1);
        }

        @Consumer
        void words(String word) {
        }
    }

    @Test
    void anEdgeBetweenIncompatibleTypesFailsTheBuild() {
        assertThatThrownBy(() -> Minigun.fromAnnotated(new Mismatched()))
                .isInstanceOf(PipelineDefinitionException.class)
                .hasMessageContaining("producer 'numbers' emits java.lang.Integer")
                .hasMessageContaining("consumer 'words'")
                .hasMessageContaining("accepts java.lang.String");
    }

    @MinigunPipeline
    static class BadShape {
        @Producer
        void numbers(Output<Integer> out) {
        }

        @Processor
        void twoInputs(Integer a, Integer b) {
        }
    }

    @Test
    void anUnsupportedMethodShapeIsNamed() {
        assertThatThrownBy(() -> Minigun.fromAnnotated(new BadShape()))
                .isInstanceOf(PipelineDefinitionException.class)
                .hasMessageContaining("BadShape.twoInputs(Integer, Integer)")
                .hasMessageContaining("accepted: (I, Output<O>) or O (I)");
    }

    @MinigunPipeline
    static class BadDuration {
        @Producer
        void numbers(Output<Integer> out) {
        }

        @Accumulator(maxWait = "soon")
        void batch(List<Integer> batch) {
        }
    }

    @Test
    void aMalformedMaxWaitIsNamed() {
        assertThatThrownBy(() -> Minigun.fromAnnotated(new BadDuration()))
                .isInstanceOf(PipelineDefinitionException.class)
                .hasMessageContaining("maxWait is 'soon'")
                .hasMessageContaining("\"200ms\"");
    }

    @Test
    void maxWaitAcceptsShortFormsAndIso8601() {
        assertThat(StageAttributes.parseDuration("200ms", "x")).hasMillis(200);
        assertThat(StageAttributes.parseDuration("2s", "x")).hasSeconds(2);
        assertThat(StageAttributes.parseDuration("PT0.5S", "x")).hasMillis(500);
    }

    @MinigunPipeline(name = "withBean")
    static class WithBean {
        final List<String> out = Collections.synchronizedList(new ArrayList<>());

        @Producer
        void words(Output<String> out) {
            out.emit("a");
            out.emit("b");
        }

        @Consumer(from = "shout")
        void collect(String word) {
            out.add(word);
        }
    }

    @Processor(pipeline = "withBean", name = "shout", from = "words", to = "collect")
    static class Shout implements ProcessorFunction<String, String> {
        @Override
        public void process(String item, Output<String> out) {
            out.emit(item.toUpperCase());
        }
    }

    @Test
    void aStandaloneStageBeanJoinsItsPipeline() {
        WithBean pipelineBean = new WithBean();
        assertThat(AnnotatedPipelines.standalonePipeline(Shout.class)).contains("withBean");

        Pipeline pipeline = Minigun.builderOf(pipelineBean, new Shout()).executor(new PipelineExecutor()).build();
        pipeline.run();

        assertThat(pipelineBean.out).containsExactlyInAnyOrder("A", "B");
        assertThat(pipeline.plan().stage("shout").kind()).isEqualTo("processor");
    }

    @Test
    void aClassWithoutTheAnnotationIsRefused() {
        assertThatThrownBy(() -> Minigun.fromAnnotated(new Object()))
                .isInstanceOf(PipelineDefinitionException.class)
                .hasMessageContaining("not annotated with @MinigunPipeline");
    }
}
