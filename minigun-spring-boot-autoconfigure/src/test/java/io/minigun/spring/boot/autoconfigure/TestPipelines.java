package io.minigun.spring.boot.autoconfigure;

import io.minigun.MapFunction;
import io.minigun.Output;
import io.minigun.annotation.Consumer;
import io.minigun.annotation.MinigunPipeline;
import io.minigun.annotation.Processor;
import io.minigun.annotation.Producer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** Pipelines and stage beans the auto-configuration tests register as beans. */
final class TestPipelines {

    private TestPipelines() {
    }

    /** 1..10, doubled, collected; a standalone stage bean ({@link Audit}) joins it. */
    @MinigunPipeline(name = "numbers", threads = 2)
    static class Numbers {
        final List<Integer> collected = Collections.synchronizedList(new ArrayList<>());

        @Producer
        void generate(Output<Integer> out) {
            for (int i = 1; i <= 10; i++) {
                out.emit(i);
            }
        }

        @Processor
        Integer doubled(Integer n) {
            return n * 2;
        }

        @Consumer
        void collect(Integer n) {
            collected.add(n);
        }
    }

    /** A standalone stage bean: joins "numbers" between "doubled" and "collect", with no other annotation. */
    @Processor(pipeline = "numbers", name = "audit", from = "doubled", to = "collect")
    static class Audit implements MapFunction<Integer, Integer> {
        private static final long serialVersionUID = 1L;
        final transient AtomicInteger seen = new AtomicInteger();

        @Override
        public Integer apply(Integer item) {
            seen.incrementAndGet();
            return item;
        }
    }

    /** Emits two items, then blocks until released or cancelled: a run that stays active. */
    @MinigunPipeline(name = "blocking")
    static class Blocking {
        final CountDownLatch release = new CountDownLatch(1);

        @Producer
        void generate(Output<Integer> out) throws InterruptedException {
            out.emit(1);
            out.emit(2);
            release.await();
        }

        @Consumer
        void take(Integer n) {
            // nothing to do
        }
    }

    /** a -> b -> a: never valid. */
    @MinigunPipeline(name = "loopy")
    static class Cycle {
        @Producer
        void start(Output<Integer> out) {
            out.emit(1);
        }

        @Processor(name = "a", to = "b")
        Integer a(Integer n) {
            return n;
        }

        @Processor(name = "b", to = "a")
        Integer b(Integer n) {
            return n;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class NumbersConfiguration {
        @Bean
        Numbers numbers() {
            return new Numbers();
        }

        @Bean
        Audit audit() {
            return new Audit();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class BlockingConfiguration {
        @Bean
        Blocking blocking() {
            return new Blocking();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class CycleConfiguration {
        @Bean
        Cycle cycle() {
            return new Cycle();
        }
    }
}
