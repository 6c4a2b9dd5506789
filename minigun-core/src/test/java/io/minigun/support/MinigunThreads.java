package io.minigun.support;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Thread-leak check (SPEC §4.3: after a run no thread of that run is left). Records the live threads whose name
 * starts with {@code minigun-} before each test and, after it, waits until every thread the test started is gone.
 */
public final class MinigunThreads implements BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(MinigunThreads.class);

    /** The live platform threads named {@code minigun-*} right now. */
    public static Set<Thread> live() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("minigun-"))
                .collect(Collectors.toSet());
    }

    /** Waits (up to 10 s) until no {@code minigun-*} thread is alive beyond {@code baseline}. */
    public static void awaitBackTo(Set<Thread> baseline) {
        await("minigun threads back to baseline").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> assertThat(names(extra(baseline)))
                        .as("minigun-* threads still alive after the run(s)").isEmpty());
    }

    private static Set<Thread> extra(Set<Thread> baseline) {
        Set<Thread> now = live();
        now.removeAll(baseline);
        return now;
    }

    private static Set<String> names(Set<Thread> threads) {
        return threads.stream().map(Thread::getName).collect(Collectors.toSet());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NS).put("baseline", live());
    }

    @Override
    @SuppressWarnings("unchecked")
    public void afterEach(ExtensionContext context) {
        Set<Thread> baseline = (Set<Thread>) context.getStore(NS).get("baseline", Set.class);
        awaitBackTo(baseline);
    }
}
