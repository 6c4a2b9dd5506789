package io.minigun.examples.naming;

import io.minigun.ItemFailure;
import io.minigun.Minigun;
import io.minigun.Output;
import io.minigun.PipelineDefinitionException;
import io.minigun.RunResult;
import io.minigun.examples.Examples;

import java.util.List;

/**
 * Ruby {@code 67_stage_name_conflict.rb} and {@code 68_ambiguous_routing.rb}: stage names are unique within one
 * pipeline, and may repeat across nested pipelines. Routing by name looks in the sender's own pipeline first, then
 * in its nested pipelines, then in the whole tree; a name that two places match equally fails, naming both.
 */
public final class NameConflicts {

    private NameConflicts() {
    }

    /** Two stages named "duplicated" in one pipeline: {@code build()} throws; returns its message. */
    public static String duplicateInOnePipeline() {
        try {
            Minigun.pipeline("conflict")
                    .producer("generate", Examples.numbers(1, 3))
                    .processor("duplicated", (Integer n) -> n)
                    .consumer("duplicated", (Integer n) -> { })
                    .build();
            throw new AssertionError("build() accepted two stages with one name");
        } catch (PipelineDefinitionException expected) {
            return expected.getMessage();
        }
    }

    /** Two nested pipelines that each have a stage named "process" are fine: 1..3 through both. */
    public static List<Integer> sameNameInTwoNestedPipelines() {
        return Examples.sorted(Examples.<Integer>collect(collect -> Minigun.pipeline("nested-names")
                .producer("generate", Examples.numbers(1, 3), s -> s.to("first", "second"))
                .pipeline("first", p -> p.processor("process", (Integer n) -> n * 10), s -> s.to("collect"))
                .pipeline("second", p -> p.processor("process", (Integer n) -> n * 100), s -> s.to("collect"))
                .consumer("collect", collect)));
    }

    /** Routing to "processor" from the root when two nested pipelines define one: the item fails; returns the run. */
    public static RunResult ambiguousRoute() {
        return Minigun.pipeline("ambiguous")
                .producer("generate", Examples.numbers(1, 1))
                .processor("router", (Integer n, Output<Integer> out) -> out.<Integer>to("processor").emit(n))
                .pipeline("left", p -> p.consumer("processor", (Integer n) -> { }))
                .pipeline("right", p -> p.consumer("processor", (Integer n) -> { }))
                .build()
                .run();
    }

    /** Routing to unique names inside nested pipelines: each reaches its stage. */
    public static List<String> uniqueNestedNames() {
        return Examples.sorted(Examples.<String>collect(collect -> Minigun.pipeline("unique")
                .producer("generate", Examples.numbers(1, 1))
                .processor("router", (Integer n, Output<Integer> out) -> {
                    out.<Integer>to("left_processor").emit(n);
                    out.<Integer>to("right_processor").emit(n);
                })
                .pipeline("left", p -> p.processor("left_processor", (Integer n) -> "left:" + n), s -> s.to("collect"))
                .pipeline("right", p -> p.processor("right_processor", (Integer n) -> "right:" + n),
                        s -> s.to("collect"))
                .consumer("collect", collect, s -> s.await(true))));
    }

    /** A local "processor" beats the one in a nested pipeline. */
    public static List<String> localBeatsNested() {
        return Examples.collect(collect -> Minigun.pipeline("local-first")
                .producer("generate", Examples.numbers(1, 1))
                .processor("router", (Integer n, Output<Integer> out) -> out.<Integer>to("processor").emit(n))
                .processor("processor", (Integer n) -> "local:" + n, s -> s.await(true).to("collect"))
                .pipeline("nested", p -> p.processor("processor", (Integer n) -> "nested:" + n), s -> s.to("collect"))
                .consumer("collect", collect, s -> s.await(true)));
    }

    public static void main(String[] args) {
        System.out.println("Duplicate in one pipeline: " + duplicateInOnePipeline());
        System.out.println("Same name in two nested pipelines: " + sameNameInTwoNestedPipelines());
        RunResult ambiguous = ambiguousRoute();
        for (ItemFailure failure : ambiguous.failures()) {
            System.out.println("Ambiguous route: " + failure.exception().getMessage());
        }
        System.out.println("Unique nested names: " + uniqueNestedNames());
        System.out.println("Local beats nested: " + localBeatsNested());
    }
}
