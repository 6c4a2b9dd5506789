package io.minigun.examples.contexts;

import io.minigun.ContextType;
import io.minigun.Minigun;
import io.minigun.Output;
import io.minigun.examples.Examples;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Ruby {@code 45_emit_to_stage_cross_context.rb}: a router sends each item by name to a stage in another context: a
 * fast pool of 3 threads, a slow pool of 2, or worker JVMs for heavy work. All three send their results to one
 * collector in the parent.
 */
public final class CrossContextRouting {

    private CrossContextRouting() {
    }

    public record Result(String lane, int item, boolean inWorkerJvm) implements Serializable {
    }

    static String laneFor(int item) {
        if (item % 5 == 0) {
            return "heavy";
        }
        return item % 2 == 0 ? "fast" : "slow";
    }

    /** Per lane, the items it handled (sorted), and whether each lane ran in a worker JVM. */
    public static Map<String, List<String>> run() {
        long parent = ProcessHandle.current().pid();
        List<Result> results = Examples.collect(collect -> Minigun.pipeline("cross-context")
                .producer("generate", Examples.numbers(1, 15))
                .processor("router", (Integer n, Output<Integer> out) -> out.<Integer>to(laneFor(n)).emit(n))
                .processor("fast", (Integer n) -> new Result("fast", n, false),
                        s -> s.concurrency(ContextType.THREAD).threads(3).await(true).to("collect"))
                .processor("slow", (Integer n) -> {
                    Thread.sleep(2);   // simulated slow work
                    return new Result("slow", n, false);
                }, s -> s.concurrency(ContextType.THREAD).threads(2).await(true).to("collect"))
                .processor("heavy", (Integer n) -> new Result("heavy", n, ProcessHandle.current().pid() != parent),
                        s -> s.concurrency(ContextType.PROCESS).poolSize(2).await(true).to("collect"))
                .consumer("collect", collect, s -> s.await(true)));
        return results.stream().collect(Collectors.groupingBy(Result::lane, TreeMap::new, Collectors.mapping(
                r -> r.item() + (r.inWorkerJvm() ? "@worker" : "@parent"),
                Collectors.collectingAndThen(Collectors.toList(), CrossContextRouting::byNumber))));
    }

    private static List<String> byNumber(List<String> tagged) {
        return tagged.stream().sorted((a, b) -> Integer.compare(Integer.parseInt(a.substring(0, a.indexOf('@'))),
                Integer.parseInt(b.substring(0, b.indexOf('@'))))).toList();
    }

    public static void main(String[] args) {
        run().forEach((lane, items) -> System.out.println(lane + ": " + items));
    }
}
