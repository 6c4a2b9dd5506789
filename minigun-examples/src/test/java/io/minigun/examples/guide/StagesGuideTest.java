package io.minigun.examples.guide;

import io.minigun.Input;
import io.minigun.Minigun;
import io.minigun.Output;
import io.minigun.RunResult;
import io.minigun.RunStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Snippets of {@code docs/guide/02-stages.md}. */
@Timeout(30)
class StagesGuideTest {

    @Test
    void producers() {
        List<Object> seen = new CopyOnWriteArrayList<>();
        RunResult result = Minigun.pipeline("producers")
                // tag::producers[]
                .producer("emitting", out -> {                       // (Output<T>): emit as many as you like
                    for (String word : List.of("a", "b")) {
                        out.emit(word);
                    }
                })
                .producer("from-list", () -> List.of("c", "d"))       // an Iterable ...
                .producer("from-stream", () -> IntStream.range(0, 2).mapToObj(i -> "e" + i))   // ... or a Stream
                // end::producers[]
                .consumer("collect", (String s) -> seen.add(s))
                .build().run();
        assertThat(seen).containsExactlyInAnyOrder("a", "b", "c", "d", "e0", "e1");
        assertThat(result.produced()).isEqualTo(6);
    }

    @Test
    void processors() {
        List<Object> seen = new CopyOnWriteArrayList<>();
        Minigun.pipeline("processors")
                .producer("lines", () -> List.of("a b", "", "c"))
                // tag::processors[]
                .processor("words", (String line, Output<String> out) -> {   // 0..n items per item
                    for (String word : line.split(" ")) {
                        if (!word.isEmpty()) {
                            out.emit(word);
                        }
                    }
                })
                .processor("upper", (String word) -> word.toUpperCase())      // one result per item
                .processor("not-b", (String word) -> word.equals("B") ? null : word)   // null emits nothing
                // end::processors[]
                .consumer("collect", (String s) -> seen.add(s))
                .build().run().throwIfFailed();
        assertThat(seen).containsExactly("A", "C");
    }

    @Test
    void accumulators() {
        List<Object> batches = new CopyOnWriteArrayList<>();
        List<Object> sums = new CopyOnWriteArrayList<>();
        Minigun.pipeline("accumulators")
                .producer("numbers", () -> IntStream.range(0, 7).boxed().toList())
                // tag::accumulators[]
                .accumulator("batch", s -> s.maxSize(3))                      // no body: emits each List
                .processor("keep", (List<Integer> batch) -> {
                    batches.add(batch);                                        // [0, 1, 2], [3, 4, 5], [6]
                    return batch;
                })
                .accumulator("sum", (List<List<Integer>> lists, Output<Integer> out) ->
                        out.emit(lists.stream().flatMap(List::stream).mapToInt(Integer::intValue).sum()),
                        s -> s.maxSize(100).maxWait(Duration.ofMillis(200)))
                // end::accumulators[]
                .consumer("collect", (Integer n) -> sums.add(n))
                .build().run().throwIfFailed();
        assertThat(batches).containsExactly(List.of(0, 1, 2), List.of(3, 4, 5), List.of(6));
        // one sum of 21, or more if a stall over 200 ms let the timer flush part of the batches first
        assertThat(sums.stream().mapToInt(n -> (Integer) n).sum()).isEqualTo(21);
    }

    @Test
    void consumers() {
        List<Object> seen = new CopyOnWriteArrayList<>();
        Minigun.pipeline("consumers")
                .producer("numbers", () -> List.of(1, 2, 3))
                // tag::consumers[]
                .consumer("audit", (Integer n, Output<Integer> out) -> {      // a consumer that may emit
                    System.out.println("saw " + n);
                    out.emit(n);
                })
                .consumer("save", (Integer n) -> seen.add(n))                  // a plain consumer: a terminal stage
                // end::consumers[]
                .build().run().throwIfFailed();
        assertThat(seen).containsExactly(1, 2, 3);
    }

    @Test
    void loopStage() {
        List<Object> seen = new CopyOnWriteArrayList<>();
        Minigun.pipeline("loop")
                .producer("ids", () -> List.of(3, 1, 3, 2, 1))
                // tag::loop[]
                .stage("dedup", (Input<Integer> in, Output<Integer> out) -> {
                    Set<Integer> seenIds = new HashSet<>();                   // state of this run only
                    for (Integer id : in) {                                    // ends at end of stream
                        if (seenIds.add(id)) {
                            out.emit(id);
                        }
                    }
                })
                // end::loop[]
                .consumer("collect", (Integer n) -> seen.add(n))
                .build().run().throwIfFailed();
        assertThat(seen).containsExactly(3, 1, 2);
    }

    @Test
    void timedLoopStage() {
        List<Object> windows = new CopyOnWriteArrayList<>();
        Minigun.pipeline("timed")
                .producer("ids", () -> List.of(1, 2, 3, 4, 5))
                // tag::timed-loop[]
                .stage("windows", (Input<Integer> in, Output<List<Integer>> out) -> {
                    List<Integer> window = new ArrayList<>();
                    while (!in.isEnded()) {
                        Optional<Integer> next = in.poll(Duration.ofSeconds(1));   // empty: timeout or end
                        next.ifPresent(window::add);
                        if (window.size() == 2 || next.isEmpty() && !window.isEmpty()) {
                            out.emit(List.copyOf(window));
                            window.clear();
                        }
                    }
                })
                // end::timed-loop[]
                .consumer("collect", (List<Integer> w) -> windows.add(w))
                .build().run().throwIfFailed();
        assertThat(windows).containsExactly(List.of(1, 2), List.of(3, 4), List.of(5));
    }

    @Test
    void parameters() {
        List<Object> seen = new CopyOnWriteArrayList<>();
        // tag::parameters[]
        var pipeline = Minigun.pipeline("greet")
                .producer("names", out -> {
                    int count = (Integer) out.context().parameters().get("count");
                    for (int i = 1; i <= count; i++) {
                        out.emit("user-" + i);
                    }
                })
                .consumer("greet", (String name) -> seen.add("hello " + name))
                .build();

        RunResult result = pipeline.run(Map.of("count", 2));
        // end::parameters[]
        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(seen).containsExactly("hello user-1", "hello user-2");
    }
}
