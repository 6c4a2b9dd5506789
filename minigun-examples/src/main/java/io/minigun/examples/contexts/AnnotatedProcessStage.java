package io.minigun.examples.contexts;

import io.minigun.ContextType;
import io.minigun.Minigun;
import io.minigun.Output;
import io.minigun.annotation.Consumer;
import io.minigun.annotation.MinigunPipeline;
import io.minigun.annotation.Processor;
import io.minigun.annotation.Producer;
import io.minigun.examples.Examples;

import java.io.Serializable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Ruby {@code 66_cow_and_ipc_fork_executors.rb}: a class-based pipeline whose compute stage runs in a worker JVM
 * (the class is re-created there). The original passes only because it ignores its class-level fork setting; here
 * the stage really runs in a worker, and with one worker it keeps the items in order.
 */
@MinigunPipeline(name = "annotated-process")
public class AnnotatedProcessStage {

    public record Row(int id, int value, int computed, long pid) implements Serializable {
    }

    private final List<Row> rows = new CopyOnWriteArrayList<>();

    @Producer
    void generate(Output<Integer> out) {
        for (int idx = 0; idx < 5; idx++) {
            out.emit(idx);
        }
    }

    @Processor(concurrency = ContextType.PROCESS, poolSize = 1)
    Row compute(Integer idx) {
        int value = idx * 10;
        return new Row(idx, value, value * value, ProcessHandle.current().pid());
    }

    @Consumer
    void collect(Row row) {
        rows.add(row);
    }

    public static List<Row> run() {
        AnnotatedProcessStage pipeline = new AnnotatedProcessStage();
        Examples.ok(Minigun.fromAnnotated(pipeline).run());
        return List.copyOf(pipeline.rows);
    }

    public static void main(String[] args) {
        System.out.println("Parent pid " + ProcessHandle.current().pid());
        run().forEach(System.out::println);
    }
}
