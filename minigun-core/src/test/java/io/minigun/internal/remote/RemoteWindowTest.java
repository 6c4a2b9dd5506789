package io.minigun.internal.remote;

import io.minigun.internal.remote.RemoteWindow.InFlight;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RemoteWindowTest {
    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopThreads() throws InterruptedException {
        threads.shutdownNow();
        assertThat(threads.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aCapacityBelowOneIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> new RemoteWindow(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("max-in-flight must be at least 1, was 0");
    }

    @Test
    void aSettledItemComesBackWithItsSequenceAndSendTime() throws InterruptedException {
        AtomicLong clock = new AtomicLong(100);
        RemoteWindow window = new RemoteWindow(4, clock::get);
        assertThat(window.put(7, "a")).isTrue();
        clock.set(250);
        assertThat(window.put(8, "b")).isTrue();

        assertThat(window.size()).isEqualTo(2);
        assertThat(window.settle(8)).isEqualTo(new InFlight(8, "b", 250));
        assertThat(window.settle(7)).isEqualTo(new InFlight(7, "a", 100));
        assertThat(window.size()).isZero();
        assertThat(window.duplicates()).isZero();
    }

    @Test
    void resultsSettleInAnyOrderAndTheRestIsListedBySequenceWithoutChangingTheWindow() throws InterruptedException {
        RemoteWindow window = new RemoteWindow(8);
        for (long seq = 0; seq < 5; seq++) {
            window.put(seq, "item" + seq);
        }
        window.settle(3);
        window.settle(0);

        assertThat(window.inFlight()).extracting(InFlight::seq).containsExactly(1L, 2L, 4L);
        assertThat(window.inFlight()).extracting(InFlight::item).containsExactly("item1", "item2", "item4");
        assertThat(window.size()).isEqualTo(3);
        assertThat(window.isClosed()).isFalse();
    }

    @Test
    void aSecondResultForASequenceIsDroppedAndCountedAsADuplicate() throws InterruptedException {
        RemoteWindow window = new RemoteWindow(4);
        window.put(1, "a");
        window.put(2, "b");

        assertThat(window.settle(1)).isNotNull();
        assertThat(window.settle(1)).isNull();
        assertThat(window.settle(99)).isNull();

        assertThat(window.duplicates()).isEqualTo(2);
        assertThat(window.late()).isZero();
        assertThat(window.inFlight()).extracting(InFlight::seq).containsExactly(2L);
    }

    @Test
    void aSequenceAlreadyInFlightIsAProtocolErrorAndKeepsTheFirstItem() throws InterruptedException {
        RemoteWindow window = new RemoteWindow(4);
        window.put(1, "a");

        assertThatThrownBy(() -> window.put(1, "again")).isInstanceOf(IllegalStateException.class)
                .hasMessage("sequence 1 is already in flight");
        assertThat(window.inFlight()).extracting(InFlight::item).containsExactly("a");
    }

    @Test
    void closingHandsOverWhatIsInFlightBySequenceThenRecordsNothingAndCountsResultsAsLate()
            throws InterruptedException {
        RemoteWindow window = new RemoteWindow(4);
        window.put(5, "e");
        window.put(2, "b");
        window.put(9, "i");
        window.settle(2);

        assertThat(window.close()).extracting(InFlight::item).containsExactly("e", "i");

        assertThat(window.isClosed()).isTrue();
        assertThat(window.size()).isZero();
        assertThat(window.put(10, "j")).isFalse();
        assertThat(window.inFlight()).isEmpty();
        assertThat(window.settle(5)).isNull();
        assertThat(window.settle(2)).isNull();
        assertThat(window.late()).isEqualTo(2);
        assertThat(window.duplicates()).isZero();
        assertThat(window.close()).isEmpty();
    }

    @Test
    void anEmptyWindowIsEmptyAtOnceAndAFullOneTimesOut() throws InterruptedException {
        RemoteWindow window = new RemoteWindow(2);
        assertThat(window.awaitEmpty(0, TimeUnit.SECONDS)).isTrue();
        window.put(1, "a");
        assertThat(window.awaitEmpty(0, TimeUnit.SECONDS)).isFalse();
        assertThat(window.awaitEmpty(1, TimeUnit.MILLISECONDS)).isFalse();
    }

    @Test
    @Timeout(10)
    void aPutBeyondTheCapacityWaitsUntilAResultFreesRoom() throws Exception {
        RemoteWindow window = new RemoteWindow(2);
        window.put(0, "a");
        window.put(1, "b");

        Future<Boolean> third = threads.submit(() -> window.put(2, "c"));
        awaitWaiter(window);
        assertThat(third).isNotDone();
        assertThat(window.size()).isEqualTo(2);

        window.settle(0);
        assertThat(third.get()).isTrue();
        assertThat(window.inFlight()).extracting(InFlight::seq).containsExactly(1L, 2L);
    }

    @Test
    @Timeout(10)
    void anOutcomeSettledHeldKeepsItsRoomUntilReleasedAndAnyLaterResultIsADuplicate() throws Exception {
        RemoteWindow window = new RemoteWindow(1);
        window.put(0, "a");
        List<InFlight> handedOver = new ArrayList<>();

        assertThat(window.settleHeld(0, handedOver::add)).isTrue();
        assertThat(handedOver).extracting(InFlight::item).containsExactly("a");
        assertThat(window.settleHeld(0, handedOver::add)).isFalse();
        assertThat(window.duplicates()).isEqualTo(1);
        assertThat(window.size()).as("still holding its room").isEqualTo(1);
        assertThat(window.awaitEmpty(1, TimeUnit.MILLISECONDS)).isFalse();

        Future<Boolean> waiting = threads.submit(() -> window.put(1, "b"));
        awaitWaiter(window);
        assertThat(waiting).isNotDone();
        window.release(0);
        assertThat(waiting.get()).isTrue();
        window.settleHeld(1, handedOver::add);
        window.release(1);
        assertThat(window.awaitEmpty(1, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(handedOver).hasSize(2);
    }

    @Test
    @Timeout(10)
    void closingHandsOverOnlyTheItemsWithNoOutcomeAndRefusesLaterOnes() throws InterruptedException {
        RemoteWindow window = new RemoteWindow(4);
        window.put(0, "a");
        window.put(1, "b");
        List<InFlight> handedOver = new ArrayList<>();
        window.settleHeld(0, handedOver::add);

        assertThat(window.close()).extracting(InFlight::seq).containsExactly(1L);
        assertThat(window.settleHeld(1, handedOver::add)).isFalse();
        assertThat(window.late()).isEqualTo(1);
        window.release(0);
        assertThat(window.size()).isZero();
        assertThat(handedOver).extracting(InFlight::seq).containsExactly(0L);
    }

    @Test
    @Timeout(10)
    void aDuplicateResultFreesNoRoomForAWaitingPut() throws Exception {
        RemoteWindow window = new RemoteWindow(1);
        window.put(0, "a");
        window.settle(0);
        window.put(1, "b");

        Future<Boolean> waiting = threads.submit(() -> window.put(2, "c"));
        awaitWaiter(window);
        assertThat(window.settle(0)).isNull();
        assertThat(window.waiters()).isEqualTo(1);
        assertThat(waiting).isNotDone();

        window.settle(1);
        assertThat(waiting.get()).isTrue();
    }

    @Test
    @Timeout(10)
    void closingReleasesAWaitingPutWhichRecordsNothing() throws Exception {
        RemoteWindow window = new RemoteWindow(1);
        window.put(0, "a");

        Future<Boolean> waiting = threads.submit(() -> window.put(1, "b"));
        awaitWaiter(window);
        assertThat(window.close()).extracting(InFlight::seq).containsExactly(0L);

        assertThat(waiting.get()).isFalse();
        assertThat(window.size()).isZero();
        assertThat(window.inFlight()).isEmpty();
    }

    @Test
    @Timeout(10)
    void anInterruptedPutThrowsAndRecordsNothing() throws Exception {
        RemoteWindow window = new RemoteWindow(1);
        window.put(0, "a");
        AtomicReference<Object> outcome = new AtomicReference<>();

        Thread sender = new Thread(() -> {
            try {
                outcome.set(window.put(1, "b"));
            } catch (InterruptedException e) {
                outcome.set(e);
            }
        });
        sender.start();
        awaitWaiter(window);
        sender.interrupt();
        sender.join();

        assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
        assertThat(window.waiters()).isZero();
        assertThat(window.inFlight()).extracting(InFlight::seq).containsExactly(0L);
    }

    @Test
    @Timeout(10)
    void awaitingEmptyReturnsWhenTheLastResultArrivesOnAnotherThread() throws Exception {
        RemoteWindow window = new RemoteWindow(4);
        window.put(0, "a");
        window.put(1, "b");
        Future<Boolean> empty = awaitEmptyOnAnotherThread(window);
        window.settle(1);
        assertThat(window.waiters()).isEqualTo(1);
        assertThat(empty).isNotDone();
        window.settle(0);

        assertThat(empty.get()).isTrue();
    }

    @Test
    @Timeout(10)
    void closingReleasesAnAwaitEmptyWithFalse() throws Exception {
        RemoteWindow window = new RemoteWindow(4);
        window.put(0, "a");
        Future<Boolean> empty = awaitEmptyOnAnotherThread(window);
        window.close();

        assertThat(empty.get()).isFalse();
    }

    @Test
    @Timeout(20)
    void twoThreadsDeliveringEveryResultTwiceSettleEachSequenceExactlyOnce() throws Exception {
        int items = 10_000;
        RemoteWindow window = new RemoteWindow(items);
        for (long seq = 0; seq < items; seq++) {
            window.put(seq, seq);
        }
        CountDownLatch start = new CountDownLatch(1);
        Callable<List<Long>> deliverAll = () -> {
            start.await();
            List<Long> accepted = new ArrayList<>();
            for (long seq = 0; seq < items; seq++) {
                InFlight settled = window.settle(seq);
                if (settled != null) {
                    accepted.add(settled.seq());
                }
            }
            return accepted;
        };
        Future<List<Long>> first = threads.submit(deliverAll);
        Future<List<Long>> second = threads.submit(deliverAll);
        start.countDown();

        List<Long> accepted = new ArrayList<>(first.get());
        accepted.addAll(second.get());
        assertThat(accepted).hasSize(items).doesNotHaveDuplicates();
        assertThat(window.duplicates()).isEqualTo(items);
        assertThat(window.size()).isZero();
    }

    @Test
    @Timeout(20)
    void aSenderAndAResultThreadNeverExceedTheCapacity() throws Exception {
        int items = 20_000;
        int capacity = 8;
        RemoteWindow window = new RemoteWindow(capacity);
        Future<Integer> sender = threads.submit(() -> {
            int sent = 0;
            for (long seq = 0; seq < items; seq++) {
                if (window.put(seq, seq)) {
                    sent++;
                }
            }
            return sent;
        });
        Future<Integer> results = threads.submit(() -> {
            int maxSeen = 0;
            for (long seq = 0; seq < items; seq++) {
                // the result of seq arrives once it was sent: wait for it, sampling the window meanwhile
                while (window.settle(seq) == null) {
                    maxSeen = Math.max(maxSeen, window.size());
                    Thread.onSpinWait();
                }
            }
            return maxSeen;
        });

        assertThat(sender.get()).isEqualTo(items);
        assertThat(results.get()).isLessThanOrEqualTo(capacity);
        assertThat(window.size()).isZero();
        assertThat(window.awaitEmpty(0, TimeUnit.SECONDS)).isTrue();
    }

    private Future<Boolean> awaitEmptyOnAnotherThread(RemoteWindow window) {
        Future<Boolean> empty = threads.submit(() -> window.awaitEmpty(-1, TimeUnit.NANOSECONDS));
        awaitWaiter(window);
        return empty;
    }

    /** Until a thread waits in the window (counted only while it waits, so it surely blocks). */
    private static void awaitWaiter(RemoteWindow window) {
        while (window.waiters() < 1) {
            Thread.onSpinWait();
        }
    }
}
