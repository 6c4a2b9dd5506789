package io.minigun.examples.contexts;

import io.minigun.ContextType;
import io.minigun.Minigun;
import io.minigun.Output;
import io.minigun.examples.Examples;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * Ruby {@code 27_process_execution.rb}: a PROCESS stage runs in two worker JVMs (the original forks). Its function
 * is a serializable lambda that is shipped to the workers; what it emits comes back to the parent, where the last
 * stage collects it.
 */
public final class ProcessExecution {

    private ProcessExecution() {
    }

    public record Computed(int item, long pid, int result) implements Serializable {
    }

    public static List<Computed> run() {
        return Examples.collect(collect -> Minigun.pipeline("process")
                .producer("generate", Examples.numbers(1, 3))
                .accumulator("batch", s -> s.maxSize(1))
                .processor("compute", (List<Integer> batch, Output<Computed> out) -> {
                    for (Integer item : batch) {
                        out.emit(new Computed(item, ProcessHandle.current().pid(), item * 100));
                    }
                }, s -> s.concurrency(ContextType.PROCESS).poolSize(2))
                .consumer("collect", collect));
    }

    public static void main(String[] args) {
        System.out.println("Parent pid " + ProcessHandle.current().pid());
        run().forEach(c -> System.out.println(Map.of("item", c.item(), "pid", c.pid(), "result", c.result())));
    }
}
