package io.minigun;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class SmokeTest {
    @Test
    void doublesItems() {
        List<Integer> out = new CopyOnWriteArrayList<>();
        Pipeline p = Minigun.pipeline("smoke")
                .producer("gen", o -> { for (int i = 0; i < 10; i++) o.emit(i); })
                .processor("double", (Integer n) -> n * 2)
                .consumer("save", (Integer n) -> out.add(n))
                .build();
        System.out.println(p.plan().describe());
        RunResult r = p.run();
        System.out.println(r.stats().summary());
        assertThat(out).containsExactly(0, 2, 4, 6, 8, 10, 12, 14, 16, 18);
    }

    @Test
    void independent() {
        List<Integer> out = new CopyOnWriteArrayList<>();
        Pipeline p = Minigun.pipeline("smoke2")
                .concurrency(c -> c.inline(false))
                .producer("gen", o -> { for (int i = 0; i < 10; i++) o.emit(i); })
                .processor("double", (Integer n) -> n * 2)
                .accumulator("batch", s -> s.maxSize(3))
                .consumer("save", (List<Integer> n) -> out.addAll(n))
                .build();
        System.out.println(p.plan().describe());
        RunResult r = p.run();
        System.out.println(r.stats().summary());
        assertThat(out).containsExactly(0, 2, 4, 6, 8, 10, 12, 14, 16, 18);
    }
}
