package io.minigun;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import io.minigun.stats.StageStats;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The child JVM of {@code SoakTest}'s flat-memory tests (SPEC §3.4): {@code FlatMemoryMain <items> <fused|threads>}
 * runs {@code items} longs through producer → {@code x·2} → {@code x+1} → a summing consumer, fused (the default
 * plan) or with colocation turned off ({@code concurrency.inline=false}, one thread per stage). It prints one line
 * {@code RESULT key=value ...} with the run's status, the sum, the run's wall time, every stage's counters and the
 * largest heap use seen right after a GC, then the plan, and exits 0; an uncaught throwable exits non-zero with its
 * stack trace on stderr.
 */
final class FlatMemoryMain {
    static final String FUSED = "fused";
    static final String THREADS = "threads";

    private FlatMemoryMain() {
    }

    public static void main(String[] args) {
        long items = Long.parseLong(args[0]);
        boolean inline = switch (args[1]) {
            case FUSED -> true;
            case THREADS -> false;
            default -> throw new IllegalArgumentException("mode must be " + FUSED + " or " + THREADS + ": " + args[1]);
        };
        AtomicLong maxHeapAfterGc = watchHeapAfterGc();
        long[] sum = new long[1];
        Pipeline pipeline = Minigun.pipeline("flat-memory-" + args[1])
                .concurrency(c -> c.inline(inline))
                .producer("generate", out -> {
                    for (long i = 0; i < items; i++) {
                        out.emit(i);
                    }
                })
                .processor("twice", (Long x) -> x * 2)
                .processor("plusOne", (Long x) -> x + 1)
                .consumer("sum", (Long x) -> sum[0] += x)
                .build();
        long start = System.nanoTime();
        RunResult result = pipeline.run();
        long millis = (System.nanoTime() - start) / 1_000_000;

        StringBuilder line = new StringBuilder("RESULT")
                .append(" status=").append(result.status())
                .append(" sum=").append(sum[0])
                .append(" millis=").append(millis)
                .append(" maxHeapAfterGcMiB=").append(maxHeapAfterGc.get() >> 20);
        for (StageStats s : result.stats().stages()) {
            String p = " " + s.name() + ".";
            line.append(p).append("consumed=").append(s.consumed())
                    .append(p).append("produced=").append(s.produced())
                    .append(p).append("succeeded=").append(s.succeeded())
                    .append(p).append("failed=").append(s.failed())
                    .append(p).append("cancelled=").append(s.cancelled())
                    .append(p).append("discarded=").append(s.discarded());
        }
        System.out.println(line);
        System.out.println(pipeline.plan().describe());
    }

    /** Keeps the largest heap use seen right after a garbage collection (the live data, as near as the JVM says). */
    private static AtomicLong watchHeapAfterGc() {
        AtomicLong max = new AtomicLong();
        Set<String> heapPools = heapPools().map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                GcInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData())
                        .getGcInfo();
                long after = info.getMemoryUsageAfterGc().entrySet().stream()
                        .filter(pool -> heapPools.contains(pool.getKey()))
                        .mapToLong(pool -> pool.getValue().getUsed())
                        .sum();
                max.accumulateAndGet(after, Math::max);
            }, n -> n.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION), null);
        }
        return max;
    }

    private static Stream<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP);
    }
}
