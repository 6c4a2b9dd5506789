package io.minigun.internal.runtime;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads of one run, by context type: platform threads, virtual threads and the shared pools of named
 * contexts. Opened lazily, closed together when the run ends, so no thread of a run outlives it.
 */
final class ContextPools implements AutoCloseable {
    private final String prefix;
    private final List<Thread> threads = new ArrayList<>();
    private final Map<String, ExecutorService> namedPools = new HashMap<>();
    private final Map<String, Semaphore> namedPermits = new HashMap<>();
    private TaskThreads virtualTasks;

    ContextPools(String prefix) {
        this.prefix = prefix;
    }

    /** Starts a dedicated thread, virtual when asked and available. */
    synchronized Thread start(String name, boolean virtual, Runnable body) {
        Thread thread = virtual ? VirtualThreads.factory(prefix + name).newThread(body) : new Thread(body, prefix + name);
        threads.add(thread);
        thread.start();
        return thread;
    }

    /** One virtual thread per task, all joined when the run closes. */
    synchronized Executor virtualTasks() {
        if (virtualTasks == null) {
            virtualTasks = new TaskThreads(VirtualThreads.factory(prefix + "v-"));
        }
        return virtualTasks;
    }

    /** The shared pool of a named THREAD context. */
    synchronized Executor namedPool(String context, int size) {
        return namedPools.computeIfAbsent(context, c -> {
            AtomicInteger n = new AtomicInteger();
            return Executors.newFixedThreadPool(size, r -> {
                return new Thread(r, prefix + c + "-" + n.incrementAndGet());
            });
        });
    }

    /** The permits shared by the stages of a named context. */
    synchronized Semaphore permits(String context, int size) {
        return namedPermits.computeIfAbsent(context, c -> new Semaphore(size));
    }

    /** Whether any thread of the run was started. */
    synchronized boolean hasThreads() {
        return !threads.isEmpty() || virtualTasks != null || !namedPools.isEmpty();
    }

    /** The names of the run's threads still alive (for a log message). */
    synchronized List<String> liveThreadNames() {
        return threads.stream().filter(Thread::isAlive).map(Thread::getName).toList();
    }

    /** Waits for every thread of the run to finish. */
    @Override
    public void close() throws InterruptedException {
        close(Long.MAX_VALUE);
    }

    /**
     * Waits up to {@code timeoutNanos} for every thread of the run to finish, and shuts the named pools down.
     * Returns whether every thread finished in time.
     */
    boolean close(long timeoutNanos) throws InterruptedException {
        List<Thread> started;
        List<ExecutorService> pools;
        TaskThreads tasks;
        synchronized (this) {
            started = new ArrayList<>(threads);
            pools = new ArrayList<>(namedPools.values());
            tasks = virtualTasks;
        }
        long deadline = System.nanoTime() + Math.min(timeoutNanos, Long.MAX_VALUE / 4);
        for (Thread thread : started) {
            if (thread != Thread.currentThread()) {
                long left = deadline - System.nanoTime();
                if (left > 0) {
                    TimeUnit.NANOSECONDS.timedJoin(thread, left);
                }
                if (thread.isAlive()) {
                    return false;
                }
            }
        }
        if (tasks != null && !tasks.awaitIdle(deadline)) {
            return false;
        }
        boolean ended = true;
        for (ExecutorService pool : pools) {
            pool.shutdown();
            ended &= pool.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        return ended;
    }

    /** A thread per task, with a count of those still running. */
    private static final class TaskThreads implements Executor {
        private final ThreadFactory factory;
        private int running;

        TaskThreads(ThreadFactory factory) {
            this.factory = factory;
        }

        @Override
        public void execute(Runnable task) {
            synchronized (this) {
                running++;
            }
            Thread thread = factory.newThread(() -> {
                try {
                    task.run();
                } finally {
                    synchronized (this) {
                        running--;
                        notifyAll();
                    }
                }
            });
            thread.start();
        }

        /** Waits until no task runs, or until {@code deadline} (a nanoTime); returns whether none runs. */
        synchronized boolean awaitIdle(long deadline) throws InterruptedException {
            while (running > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return true;
        }
    }

    /** Virtual threads through reflection: the library is compiled for Java 17 and uses them on 21+. */
    static final class VirtualThreads {
        private static final Method OF_VIRTUAL;
        private static final Method NAME;
        private static final Method FACTORY;

        static {
            Method ofVirtual = null;
            Method name = null;
            Method factory = null;
            try {
                Class<?> builder = Class.forName("java.lang.Thread$Builder");
                ofVirtual = Thread.class.getMethod("ofVirtual");
                name = builder.getMethod("name", String.class, long.class);
                factory = builder.getMethod("factory");
            } catch (ReflectiveOperationException e) {
                // Java 17-20: no virtual threads; the plan refuses VIRTUAL stages there
            }
            OF_VIRTUAL = ofVirtual;
            NAME = name;
            FACTORY = factory;
        }

        private VirtualThreads() {
        }

        static boolean available() {
            return OF_VIRTUAL != null;
        }

        static ThreadFactory factory(String namePrefix) {
            if (!available()) {
                throw new IllegalStateException("virtual threads need Java 21+");
            }
            try {
                Object builder = OF_VIRTUAL.invoke(null);
                builder = NAME.invoke(builder, namePrefix, 0L);
                return (ThreadFactory) FACTORY.invoke(builder);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot create virtual threads", e);
            }
        }
    }
}
