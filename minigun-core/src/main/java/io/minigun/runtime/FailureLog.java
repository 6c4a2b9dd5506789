package io.minigun.runtime;

import io.minigun.ItemFailure;
import io.minigun.RunResult;

import java.util.ArrayList;
import java.util.List;

/** The failures of one run: an exact count, and the first {@link RunResult#KEPT_FAILURES} in full. */
final class FailureLog {
    private final List<ItemFailure> kept = new ArrayList<>();
    private long count;

    synchronized void add(ItemFailure failure) {
        count++;
        if (kept.size() < RunResult.KEPT_FAILURES) {
            kept.add(failure);
        }
    }

    synchronized long count() {
        return count;
    }

    synchronized List<ItemFailure> kept() {
        return List.copyOf(kept);
    }
}
