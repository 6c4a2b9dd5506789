package io.minigun.examples.contexts;

import io.minigun.ContextType;
import io.minigun.Minigun;
import io.minigun.Output;
import io.minigun.StageOptions;
import io.minigun.examples.Examples;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Ruby {@code 97} (routing into fork stages inside nested pipelines; it hangs in the original): a router on a
 * thread sends each item by name to one of three PROCESS await stages, each inside a nested pipeline of its own;
 * then a router that itself runs in a worker JVM routes to two such stages.
 */
public final class NestedProcessRouting {

    private NestedProcessRouting() {
    }

    public record Handled(String by, int item) implements Serializable {
    }

    private static final StageOptions IN_A_WORKER = s -> s.concurrency(ContextType.PROCESS).poolSize(1).await(true);

    /** Per target, the items it handled, sorted. {@code routerInWorker} runs the router in a worker JVM too. */
    public static Map<String, List<Integer>> run(List<String> targets, boolean routerInWorker) {
        List<Handled> handled = Examples.collect(collect -> {
            var builder = Minigun.pipeline("nested-process-routing")
                    .producer("generate", Examples.numbers(1, 3 * targets.size()))
                    .processor("router", (Integer n, Output<Integer> out) ->
                                    out.<Integer>to(targets.get((n - 1) % targets.size())).emit(n),
                            s -> s.concurrency(routerInWorker ? ContextType.PROCESS : ContextType.THREAD).poolSize(1));
            for (String target : targets) {
                builder.pipeline("lane_" + target,
                        lane -> lane.processor(target, (Integer n) -> new Handled(target, n), IN_A_WORKER),
                        s -> s.to("collect"));
            }
            return builder.consumer("collect", collect, s -> s.await(true));
        });
        return handled.stream().collect(Collectors.groupingBy(Handled::by, TreeMap::new, Collectors.mapping(
                Handled::item, Collectors.collectingAndThen(Collectors.toList(), Examples::sorted))));
    }

    public static void main(String[] args) {
        System.out.println("Thread router:  " + run(List.of("inner_a", "inner_b", "inner_c"), false));
        System.out.println("Worker router:  " + run(List.of("inner_x", "inner_y"), true));
    }
}
