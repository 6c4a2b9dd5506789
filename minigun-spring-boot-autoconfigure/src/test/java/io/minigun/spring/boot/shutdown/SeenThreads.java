package io.minigun.spring.boot.shutdown;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The threads a stage's code has run on and that may still be alive: virtual threads included, which no thread
 * listing shows. Threads known to have ended are pruned now and then, so a stage with a virtual thread per item keeps
 * a small set.
 */
final class SeenThreads {
    private static final int PRUNE_ABOVE = 256;

    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

    /** Records the calling thread. */
    void add() {
        threads.add(Thread.currentThread());
        if (threads.size() > PRUNE_ABOVE) {
            threads.removeIf(thread -> !thread.isAlive());
        }
    }

    /** Whether any thread was recorded. */
    boolean any() {
        return !threads.isEmpty();
    }

    /** The recorded threads still alive, by name. */
    List<String> alive() {
        return threads.stream().filter(Thread::isAlive).map(Thread::toString).sorted().toList();
    }
}
