package io.minigun.internal.worker;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The idle workers of a {@link WorkerPool}, by key, each until its keep-alive is over. A timer thread,
 * {@code minigun-worker-pool-timer}, asks the workers whose keep-alive is over to exit, kills those that do not in
 * time, and ends as soon as no worker is idle or exiting (it is started again when one is kept).
 */
final class IdleWorkers {
    private static final Logger log = LoggerFactory.getLogger(IdleWorkers.class);
    static final long EXIT_TIMEOUT_MILLIS = 10_000;
    private static final long EXIT_TIMEOUT_NANOS = TimeUnit.MILLISECONDS.toNanos(EXIT_TIMEOUT_MILLIS);

    /** Idle workers by key, the most recently kept last (taken first; the others expire first). */
    private final Map<WorkerKey, Deque<Idle>> idle = new HashMap<>();
    /** Workers asked to exit by the timer, with the nanoTime at which they are killed if they have not. */
    private final Map<WorkerProcess, Long> exiting = new HashMap<>();
    private Thread timer;

    private record Idle(WorkerProcess worker, long expiresAt) {
    }

    synchronized int size() {
        return idle.values().stream().mapToInt(Deque::size).sum();
    }

    /** How many workers of {@code key} are idle. */
    synchronized int size(WorkerKey key) {
        Deque<Idle> queue = idle.get(key);
        return queue == null ? 0 : queue.size();
    }

    /** A live idle worker of {@code key}, no longer idle, or null when there is none. */
    synchronized WorkerProcess take(WorkerKey key) {
        Deque<Idle> queue = idle.get(key);
        WorkerProcess found = null;
        while (found == null && queue != null && !queue.isEmpty()) {
            WorkerProcess candidate = queue.pollLast().worker();
            if (candidate.isAlive()) {
                found = candidate;
            } else {
                log.info("Warm worker [{}] died while idle; another one takes its place", candidate);
            }
        }
        if (queue != null && queue.isEmpty()) {
            idle.remove(key);
        }
        return found;
    }

    /**
     * Keeps a live worker for {@code keepAliveNanos} unless {@code maxIdle} workers of its key are idle already;
     * returns whether it did (the caller stops a worker not kept).
     */
    synchronized boolean keep(WorkerKey key, WorkerProcess worker, long keepAliveNanos, int maxIdle) {
        Deque<Idle> queue = idle.computeIfAbsent(key, k -> new ArrayDeque<>());
        if (!worker.isAlive() || queue.size() >= maxIdle) {
            if (queue.isEmpty()) {
                idle.remove(key);
            }
            return false;
        }
        worker.markPooled();
        queue.addLast(new Idle(worker, System.nanoTime() + keepAliveNanos));
        if (timer == null) {
            timer = new Thread(this::expire, "minigun-worker-pool-timer");
            timer.setDaemon(true);
            timer.start();
        } else {
            notifyAll();
        }
        return true;
    }

    /** Takes out every idle and exiting worker (for the caller to stop); the timer then ends. */
    synchronized List<WorkerProcess> drain() {
        List<WorkerProcess> all = new ArrayList<>();
        idle.values().forEach(queue -> queue.forEach(entry -> all.add(entry.worker())));
        idle.clear();
        all.addAll(exiting.keySet());
        exiting.clear();
        notifyAll();
        return all;
    }

    /** The timer thread, while it runs (null otherwise). */
    synchronized Thread timer() {
        return timer;
    }

    /** The timer thread: asks expired workers to exit and kills those that do not in time; ends when none is left. */
    private void expire() {
        while (true) {
            List<WorkerProcess> expired = new ArrayList<>();
            List<WorkerProcess> overdue = new ArrayList<>();
            synchronized (this) {
                long wait = collect(System.nanoTime(), expired, overdue);
                if (expired.isEmpty() && overdue.isEmpty()) {
                    if (idle.isEmpty() && exiting.isEmpty()) {
                        timer = null;
                        return;
                    }
                    try {
                        TimeUnit.NANOSECONDS.timedWait(this, wait);
                    } catch (InterruptedException e) {
                        // nobody interrupts this thread on purpose; look again
                    }
                    continue;
                }
            }
            // outside the monitor: a write to a pipe may block
            for (WorkerProcess worker : expired) {
                log.debug("Warm worker [{}] was idle for its keep-alive; stopping it", worker);
                worker.onExit(this::wakeUp);
                worker.requestExit();
            }
            for (WorkerProcess worker : overdue) {
                log.warn("Warm worker [{}] did not exit within {} ms of being asked; killing it", worker,
                        EXIT_TIMEOUT_MILLIS);
                worker.kill();
            }
        }
    }

    /**
     * Moves the workers whose keep-alive is over from idle to exiting (and into {@code expired}), drops exiting
     * workers that are gone, takes out those past their exit deadline (into {@code overdue}); returns how long the
     * timer may wait for the next deadline.
     */
    private long collect(long now, List<WorkerProcess> expired, List<WorkerProcess> overdue) {
        long wait = Long.MAX_VALUE;
        for (Iterator<Deque<Idle>> queues = idle.values().iterator(); queues.hasNext(); ) {
            Deque<Idle> queue = queues.next();
            for (Iterator<Idle> entries = queue.iterator(); entries.hasNext(); ) {
                Idle entry = entries.next();
                long left = entry.expiresAt() - now;
                if (left <= 0) {
                    entries.remove();
                    expired.add(entry.worker());
                    exiting.put(entry.worker(), now + EXIT_TIMEOUT_NANOS);
                } else {
                    wait = Math.min(wait, left);
                }
            }
            if (queue.isEmpty()) {
                queues.remove();
            }
        }
        exiting.keySet().removeIf(worker -> !worker.isAlive());
        for (Iterator<Map.Entry<WorkerProcess, Long>> entries = exiting.entrySet().iterator(); entries.hasNext(); ) {
            Map.Entry<WorkerProcess, Long> entry = entries.next();
            long left = entry.getValue() - now;
            if (left <= 0) {
                entries.remove();
                overdue.add(entry.getKey());
            } else {
                wait = Math.min(wait, left);
            }
        }
        return wait;
    }

    /** A worker the timer asked to exit has exited: the timer may end sooner. */
    private synchronized void wakeUp() {
        notifyAll();
    }
}
