package io.minigun;

import io.minigun.remote.Emission;
import io.minigun.remote.RemoteChannel;
import io.minigun.remote.RemoteRun;
import io.minigun.remote.RemoteTransport;
import io.minigun.stats.StageStats;
import io.minigun.support.Conservation;
import io.minigun.support.InMemoryTransport;
import io.minigun.support.MinigunThreads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 15 step 3: runs of a remote stage ({@code StageSpec.transport}) through the transport SPI, on an in-memory
 * transport that runs the stage body on its own threads and reports outcomes out of order and twice.
 */
@ExtendWith(MinigunThreads.class)
@Timeout(30)
class RemoteStageRunTest {

    private static List<Emission> doubled(Object item) {
        return List.of(new Emission(null, (Integer) item * 2));
    }

    private static Pipeline pipeline(String name, int items, RemoteTransport transport,
                                     Map<Integer, AtomicInteger> received) {
        return Minigun.pipeline(name)
                .producer("gen", out -> {
                    for (int i = 0; i < items; i++) {
                        out.emit(i);
                    }
                })
                .processor("enrich", (Integer n) -> n * 2, s -> s.transport(transport))
                .consumer("save", (Integer n) -> received.computeIfAbsent(n, k -> new AtomicInteger()).incrementAndGet())
                .build();
    }

    @Test
    @Timeout(30)
    void everyItemArrivesDownstreamExactlyOnceThoughResultsComeOutOfOrderAndTwice() {
        int items = 2_000;
        InMemoryTransport transport = new InMemoryTransport(RemoteStageRunTest::doubled, 64, 3, 0)
                .duplicates().swapPairs();
        Map<Integer, AtomicInteger> received = new ConcurrentHashMap<>();

        RunResult result = Conservation.assertHolds(pipeline("remote-once", items, transport, received)
                .run(Map.of("region", "eu")));

        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(received).hasSize(items);
        for (int i = 0; i < items; i++) {
            assertThat(received.get(2 * i)).as("item %d downstream", i).hasValue(1);
        }
        StageStats enrich = result.stats().stage("enrich");
        assertThat(enrich.consumed()).isEqualTo(items);
        assertThat(enrich.succeeded()).isEqualTo(items);
        assertThat(enrich.failed()).isZero();
        assertThat(enrich.cancelled()).isZero();
        assertThat(result.stats().stage("save").consumed()).isEqualTo(items);
        Conservation.assertDelivered(result, "enrich", "save");
        assertThat(transport.sent).hasValue(items);
        assertThat(transport.reports).as("every outcome was reported twice").hasValue(2L * items);
        assertThat(transport.reportOrder.indexOf(1L)).as("results out of order")
                .isLessThan(transport.reportOrder.indexOf(0L));
        assertThat(transport.opened).hasValue(1);
        assertThat(transport.closed).hasValue(1);
        assertThat(transport.cancelled).hasValue(0);
        assertThat(transport.allThreadsStopped()).isTrue();
        assertThat(transport.runs).singleElement().extracting(RemoteRun::runId).isEqualTo(result.id());
        assertThat(transport.parameters().get(result.id())).isEqualTo(Map.of("region", "eu"));
    }

    @Test
    @Timeout(30)
    void aFailingItemIsCountedFailedWithItsCauseAndAttempts() {
        int items = 70;
        InMemoryTransport transport = new InMemoryTransport(item -> {
            int n = (Integer) item;
            if (n % 7 == 0) {
                throw new IllegalStateException("bad " + n);
            }
            return doubled(n);
        }, 8, 2, 2).duplicates();
        Map<Integer, AtomicInteger> received = new ConcurrentHashMap<>();

        RunResult result = Conservation.assertHolds(pipeline("remote-failing", items, transport, received).run());

        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED_WITH_FAILURES);
        assertThat(result.failed()).isEqualTo(10);
        assertThat(result.failures()).hasSize(10).allSatisfy(f -> {
            assertThat(f.stage()).isEqualTo("enrich");
            assertThat(f.attempts()).isEqualTo(3);
            assertThat(f.exception()).isInstanceOf(IllegalStateException.class)
                    .hasMessage("bad " + f.item());
            assertThat((Integer) f.item() % 7).isZero();
        });
        StageStats enrich = result.stats().stage("enrich");
        assertThat(enrich.consumed()).isEqualTo(items);
        assertThat(enrich.succeeded()).isEqualTo(60);
        assertThat(enrich.failed()).isEqualTo(10);
        assertThat(enrich.retried()).isEqualTo(20);
        assertThat(received).hasSize(60).allSatisfy((n, count) -> assertThat(count).hasValue(1));
    }

    @Test
    @Timeout(30)
    void cancellingMidRunEndsCancelledWithConservationAndNoThreadLeft() {
        CountDownLatch release = new CountDownLatch(1);
        InMemoryTransport transport = new InMemoryTransport(item -> {
            if ((Integer) item >= 100) {
                release.await();
            }
            return doubled(item);
        }, 16, 2, 0);
        Map<Integer, AtomicInteger> received = new ConcurrentHashMap<>();
        Pipeline pipeline = pipeline("remote-cancel", 100_000, transport, received);
        try {
            PipelineRun run = pipeline.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= 100 && transport.sent.get() >= 116);
            run.cancel();
            RunResult result = Conservation.assertHolds(run.await());

            assertThat(result.status()).isEqualTo(RunStatus.CANCELLED);
            StageStats enrich = result.stats().stage("enrich");
            assertThat(enrich.succeeded()).isEqualTo(100);
            assertThat(enrich.cancelled()).as("what was in flight").isGreaterThanOrEqualTo(16);
            assertThat(transport.cancelled).hasValue(1);
            assertThat(transport.closed).hasValue(1);
            assertThat(transport.allThreadsStopped()).isTrue();
            assertThat(received).hasSize(100);
        } finally {
            release.countDown();
        }
    }

    @Test
    @Timeout(30)
    void neverMoreThanMaxInFlightItemsAreSentAndUnsettled() {
        int items = 200;
        CountDownLatch release = new CountDownLatch(1);
        InMemoryTransport transport = new InMemoryTransport(item -> {
            release.await();
            return doubled(item);
        }, 8, 4, 0);
        Map<Integer, AtomicInteger> received = new ConcurrentHashMap<>();
        PipelineRun run = pipeline("remote-backpressure", items, transport, received).start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> transport.sent.get() == 8);
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                    .until(() -> transport.sent.get() == 8 && transport.unsettled.get() == 8);
        } finally {
            release.countDown();
        }
        RunResult result = Conservation.assertHolds(run.await());

        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(received).hasSize(items);
        assertThat(transport.maxUnsettled).hasValue(8);
    }

    @Test
    @Timeout(30)
    void aTransportThatCannotOpenFailsTheRunAndCancelsItsItems() {
        RemoteTransport broken = new RemoteTransport() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public RemoteChannel open(RemoteRun run) {
                throw new IllegalStateException("no broker");
            }
        };
        Map<Integer, AtomicInteger> received = new ConcurrentHashMap<>();
        PipelineRun run = pipeline("remote-broken", 50, broken, received).start();
        PipelineExecutionException failure = org.assertj.core.api.Assertions.catchThrowableOfType(run::await,
                PipelineExecutionException.class);

        assertThat(failure).isNotNull();
        RunResult result = Conservation.assertHolds(failure);
        assertThat(result.status()).isEqualTo(RunStatus.FAILED);
        assertThat(result.failures()).anySatisfy(f -> assertThat(f.exception())
                .hasMessage("cannot open the transport 'broken' of remote stage 'remote-broken/enrich': no broker"));
        assertThat(received).isEmpty();
    }

    @Test
    @Timeout(30)
    void anAbortInRemoteStageCodeFailsTheRunAsALocalOneWould() {
        InMemoryTransport transport = new InMemoryTransport(item -> {
            if ((Integer) item == 5) {
                throw new PipelineAbortException("the remote side gave up on 5");
            }
            return doubled(item);
        }, 4, 1, 3);
        Map<Integer, AtomicInteger> received = new ConcurrentHashMap<>();
        PipelineRun run = pipeline("remote-abort", 200, transport, received).start();
        PipelineExecutionException failure = org.assertj.core.api.Assertions.catchThrowableOfType(run::await,
                PipelineExecutionException.class);

        assertThat(failure).isNotNull();
        RunResult result = Conservation.assertHolds(failure);
        assertThat(result.status()).isEqualTo(RunStatus.FAILED);
        assertThat(result.failures()).anySatisfy(f -> assertThat(f.exception())
                .isInstanceOf(PipelineAbortException.class).hasMessage("the remote side gave up on 5"));
        assertThat(received).doesNotContainKey(10);
        assertThat(transport.cancelled).hasValue(1);
    }

    /**
     * Outcomes reported on one thread shared by every run and stage of a transport (as a Kafka results reader is)
     * must not wait for room downstream: a remote stage feeding another remote stage through a full queue would
     * otherwise block the only thread that can settle the second stage's items. The shared thread here takes the
     * first stage's outcomes before the second's, as a reader may read one partition before another.
     */
    @Test
    @Timeout(30)
    void aRemoteStageFeedingAnotherThroughAFullQueueDoesNotBlockTheirSharedResultsThread() {
        java.util.concurrent.ThreadPoolExecutor shared = new java.util.concurrent.ThreadPoolExecutor(1, 1, 0L,
                java.util.concurrent.TimeUnit.SECONDS, new java.util.concurrent.PriorityBlockingQueue<>(),
                r -> new Thread(r, "remote-test-shared-results"));
        try {
            int items = 500;
            Map<Integer, AtomicInteger> received = new ConcurrentHashMap<>();
            RunResult result = Conservation.assertHolds(Minigun.pipeline("remote-chain")
                    .producer("gen", out -> {
                        for (int i = 0; i < items; i++) {
                            out.emit(i);
                        }
                    })
                    .processor("first", (Integer n) -> n, s -> s.transport(new SharedThreadTransport(shared, 0)))
                    .processor("second", (Integer n) -> n,
                            s -> s.transport(new SharedThreadTransport(shared, 1)).queueSize(1))
                    .consumer("save", (Integer n) -> received.computeIfAbsent(n, k -> new AtomicInteger())
                            .incrementAndGet())
                    .build().run());

            assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(received).hasSize(items).allSatisfy((n, count) -> assertThat(count).hasValue(1));
            assertThat(received).containsKey(4 * (items - 1));
        } finally {
            shared.shutdownNow();
        }
    }

    /** Reports every outcome on one shared thread, the outcomes of a lower {@code priority} first. */
    private record SharedThreadTransport(java.util.concurrent.Executor shared, int priority)
            implements RemoteTransport {
        @Override
        public String name() {
            return "shared";
        }

        @Override
        public int maxInFlight() {
            return 2;
        }

        @Override
        public RemoteChannel open(RemoteRun run) {
            return new RemoteChannel() {
                @Override
                public void send(long seq, Object item) {
                    shared.execute(new Report(priority, seq, () -> run.result(seq, doubled(item), 1, 0L, "shared")));
                }

                @Override
                public void cancel() {
                }

                @Override
                public void close() {
                }
            };
        }
    }

    private record Report(int priority, long seq, Runnable body) implements Runnable, Comparable<Report> {
        @Override
        public void run() {
            body.run();
        }

        @Override
        public int compareTo(Report other) {
            int byPriority = Integer.compare(priority, other.priority);
            return byPriority != 0 ? byPriority : Long.compare(seq, other.seq);
        }
    }
}
