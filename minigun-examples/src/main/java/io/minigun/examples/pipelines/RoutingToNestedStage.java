package io.minigun.examples.pipelines;

import io.minigun.ConsumerFunction;
import io.minigun.ContextType;
import io.minigun.Minigun;
import io.minigun.Output;
import io.minigun.PipelineBuilder;
import io.minigun.PipelineDefinitionException;
import io.minigun.examples.Examples;

import java.io.Serializable;
import java.util.List;

/**
 * Ruby {@code 10_routing_to_nested_stages.rb}: an accumulator sends its batches of 2 to {@code save}, a stage inside a
 * nested pipeline that runs in 2 worker JVMs. In the original the batch stage names {@code save} in its {@code to:};
 * here a static edge stays inside one pipeline, so {@code to("save")} fails {@code build()} with a message that says
 * what to do instead, and the accumulator routes each batch by name ({@code out.to("save")}), which reaches a stage
 * in any nested pipeline. The items 1..5 arrive as {@code [1, 2]}, {@code [3, 4]} and {@code [5]}.
 */
public final class RoutingToNestedStage {

    private RoutingToNestedStage() {
    }

    public record Saved(List<Integer> batch, long pid) implements Serializable {
    }

    /** The definition error a static {@code to("save")} gets. */
    public static String staticEdgeError() {
        try {
            define(Minigun.pipeline("static-edge-to-nested-stage")
                    .producer("gen", Examples.numbers(1, 5))
                    .accumulator("batch", s -> s.maxSize(2).to("save")), saved -> { })
                    .build();
            throw new IllegalStateException("build() accepted a static edge into a nested pipeline");
        } catch (PipelineDefinitionException e) {
            return e.getMessage();
        }
    }

    /** The batches {@code save} received, in the order of their first item. */
    public static List<Saved> run() {
        List<Saved> saved = Examples.collect(collect -> define(Minigun.pipeline("routing-to-nested-stage")
                .producer("gen", Examples.numbers(1, 5))
                .accumulator("batch", (List<Integer> items, Output<List<Integer>> out) ->
                        out.<List<Integer>>to("save").emit(List.copyOf(items)), s -> s.maxSize(2)), collect));
        return Examples.sortedBy(saved, s -> s.batch().get(0));
    }

    private static PipelineBuilder define(PipelineBuilder builder, ConsumerFunction<Saved> collect) {
        return builder
                .pipeline("storage", storage -> storage.processor("save", (List<Integer> batch) ->
                                new Saved(batch, ProcessHandle.current().pid()),
                        s -> s.concurrency(ContextType.PROCESS).poolSize(2).await(true)), s -> s.to("collect"))
                .consumer("collect", collect, s -> s.await(true));
    }

    public static void main(String[] args) {
        System.out.println("A static to(\"save\") fails: " + staticEdgeError());
        run().forEach(System.out::println);
    }
}
