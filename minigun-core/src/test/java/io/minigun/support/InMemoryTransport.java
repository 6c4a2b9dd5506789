package io.minigun.support;

import io.minigun.remote.Emission;
import io.minigun.remote.RemoteChannel;
import io.minigun.remote.RemoteRun;
import io.minigun.remote.RemoteTransport;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A remote transport in memory, for the engine's tests: each channel runs the stage body on its own small thread
 * pool (threads {@code remote-test-*}, stopped on close) with the given retries, and reports outcomes through the
 * {@link RemoteRun} the way a real transport may: from several threads, out of order ({@link #swapPairs}: item
 * {@code 2k+1} is reported before {@code 2k}) and twice ({@link #duplicates}: at-least-once).
 */
public final class InMemoryTransport implements RemoteTransport {

    /** The remote stage code: what one item emits. */
    @FunctionalInterface
    public interface Body {
        List<Emission> run(Object item) throws Exception;
    }

    private final Body body;
    private final int maxInFlight;
    private final int threads;
    private final int retries;
    private volatile boolean duplicates;
    private volatile boolean swapPairs;

    public final AtomicInteger opened = new AtomicInteger();
    public final AtomicInteger cancelled = new AtomicInteger();
    public final AtomicInteger closed = new AtomicInteger();
    /** Items sent by the engine. */
    public final AtomicLong sent = new AtomicLong();
    /** Outcomes reported to the engine (duplicates included). */
    public final AtomicLong reports = new AtomicLong();
    /** Sent items whose first outcome was not reported yet, now and at most. */
    public final AtomicInteger unsettled = new AtomicInteger();
    public final AtomicInteger maxUnsettled = new AtomicInteger();
    /** Sequences in the order of their first report. */
    public final List<Long> reportOrder = new CopyOnWriteArrayList<>();
    public final List<RemoteRun> runs = new CopyOnWriteArrayList<>();
    private final List<ExecutorService> pools = new CopyOnWriteArrayList<>();

    public InMemoryTransport(Body body, int maxInFlight, int threads, int retries) {
        this.body = body;
        this.maxInFlight = maxInFlight;
        this.threads = threads;
        this.retries = retries;
    }

    public InMemoryTransport duplicates() {
        this.duplicates = true;
        return this;
    }

    public InMemoryTransport swapPairs() {
        this.swapPairs = true;
        return this;
    }

    /** Whether every channel's thread pool has stopped. */
    public boolean allThreadsStopped() {
        return pools.stream().allMatch(ExecutorService::isTerminated);
    }

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public int maxInFlight() {
        return maxInFlight;
    }

    @Override
    public RemoteChannel open(RemoteRun run) {
        opened.incrementAndGet();
        runs.add(run);
        return new Channel(run);
    }

    private final class Channel implements RemoteChannel {
        private final RemoteRun run;
        private final ExecutorService pool;
        private final Set<Long> settled = ConcurrentHashMap.newKeySet();
        private volatile boolean cancelledRun;
        private long heldSeq = -1;
        private Object heldItem;

        Channel(RemoteRun run) {
            this.run = run;
            AtomicInteger n = new AtomicInteger();
            this.pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "remote-test-" + run.runId() + "-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            pools.add(pool);
        }

        @Override
        public void send(long seq, Object item) {
            sent.incrementAndGet();
            maxUnsettled.accumulateAndGet(unsettled.incrementAndGet(), Math::max);
            if (!swapPairs) {
                pool.execute(() -> runItem(seq, item));
            } else if (seq % 2 == 0) {
                heldSeq = seq;
                heldItem = item;
            } else {
                long evenSeq = heldSeq;
                Object evenItem = heldItem;
                pool.execute(() -> {
                    runItem(seq, item);
                    runItem(evenSeq, evenItem);
                });
            }
        }

        private void runItem(long seq, Object item) {
            if (cancelledRun) {
                return;
            }
            int attempts = 0;
            while (true) {
                attempts++;
                long start = System.nanoTime();
                try {
                    List<Emission> emissions = body.run(item);
                    long nanos = System.nanoTime() - start;
                    int times = duplicates ? 2 : 1;
                    for (int i = 0; i < times; i++) {
                        first(seq);
                        run.result(seq, emissions, attempts, nanos, "test");
                    }
                    return;
                } catch (Exception e) {
                    if (attempts <= retries && !cancelledRun) {
                        continue;
                    }
                    int times = duplicates ? 2 : 1;
                    for (int i = 0; i < times; i++) {
                        first(seq);
                        run.failure(seq, e, attempts, "test");
                    }
                    return;
                }
            }
        }

        /** Counts a report; the first of a sequence settles it here (before the engine frees room for another). */
        private void first(long seq) {
            reports.incrementAndGet();
            if (settled.add(seq)) {
                unsettled.decrementAndGet();
                reportOrder.add(seq);
            }
        }

        @Override
        public void cancel() {
            cancelledRun = true;
            cancelled.incrementAndGet();
        }

        @Override
        public void close() {
            closed.incrementAndGet();
            pool.shutdownNow();
            try {
                if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("remote test threads did not stop");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The parameters of every run opened, by run id (what the remote side would see). */
    public Map<String, Map<String, Object>> parameters() {
        Map<String, Map<String, Object>> byRun = new ConcurrentHashMap<>();
        for (RemoteRun run : runs) {
            byRun.put(run.runId(), Map.copyOf(run.parameters()));
        }
        return byRun;
    }
}
