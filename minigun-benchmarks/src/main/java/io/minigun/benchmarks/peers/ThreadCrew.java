package io.minigun.benchmarks.peers;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A handful of platform threads started together and joined together, the way a hand-rolled pipeline runs its
 * stages. The first failure interrupts the others (so none stays blocked on a queue) and is rethrown by
 * {@link #join()}.
 */
final class ThreadCrew {

    /** A task body that may throw. */
    @FunctionalInterface
    interface Task {
        void run() throws Exception;
    }

    private final String name;
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    ThreadCrew(String name) {
        this.name = name;
    }

    /** Starts {@code task} on a new thread. */
    ThreadCrew start(Task task) {
        Thread thread = new Thread(() -> {
            try {
                task.run();
            } catch (Throwable t) {
                if (failure.compareAndSet(null, t)) {
                    threads.forEach(other -> {
                        if (other != Thread.currentThread()) {
                            other.interrupt();
                        }
                    });
                }
            }
        }, name + "-" + threads.size());
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
        if (failure.get() != null) {
            thread.interrupt();
        }
        return this;
    }

    /** Waits for every thread; rethrows the first failure. */
    void join() throws Exception {
        try {
            for (Thread thread : threads) {
                thread.join();
            }
        } catch (InterruptedException interrupted) {
            threads.forEach(Thread::interrupt);
            throw interrupted;
        }
        Throwable t = failure.get();
        if (t instanceof Exception e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
    }
}
