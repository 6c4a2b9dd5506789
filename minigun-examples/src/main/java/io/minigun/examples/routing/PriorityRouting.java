package io.minigun.examples.routing;

import io.minigun.Minigun;
import io.minigun.Output;
import io.minigun.examples.Examples;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Ruby {@code 40_priority_routing.rb}: tasks are scored, then routed by score to a critical, high-priority or normal
 * path; each path tags what it handled and all three join in one collector.
 */
public final class PriorityRouting {

    private PriorityRouting() {
    }

    public record Task(int id, int score) {
    }

    public record Handled(String path, int id) {
    }

    static String pathFor(Task task) {
        if (task.score() >= 8) {
            return "critical_path";
        }
        return task.score() >= 5 ? "high_priority_path" : "normal_path";
    }

    /** Per path, the task ids it handled, sorted. */
    public static Map<String, List<Integer>> run() {
        List<Handled> handled = Examples.collect(collect -> Minigun.pipeline("priority-routing")
                .producer("tasks", Examples.numbers(1, 10))
                .processor("score", (Integer id) -> new Task(id, id * 7 % 10))
                .processor("route", (Task t, Output<Task> out) -> out.<Task>to(pathFor(t)).emit(t))
                .processor("critical_path", (Task t) -> new Handled("critical_path", t.id()),
                        s -> s.await(true).to("collect"))
                .processor("high_priority_path", (Task t) -> new Handled("high_priority_path", t.id()),
                        s -> s.await(true).to("collect"))
                .processor("normal_path", (Task t) -> new Handled("normal_path", t.id()),
                        s -> s.await(true).to("collect"))
                .consumer("collect", collect, s -> s.await(true)));
        return handled.stream().collect(Collectors.groupingBy(Handled::path, TreeMap::new, Collectors.mapping(
                Handled::id, Collectors.collectingAndThen(Collectors.toList(), Examples::sorted))));
    }

    public static void main(String[] args) {
        run().forEach((path, ids) -> System.out.println(path + ": " + ids));
    }
}
