package io.minigun.benchmarks.peers;

import java.util.ArrayList;
import java.util.List;
import java.util.PrimitiveIterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;

/**
 * Groups a stream of longs into lists of a fixed size (the last one may be shorter). JDK 17 streams have no
 * chunking operation (gatherers arrive in JDK 24), so this is how a {@code java.util.stream} user batches.
 */
final class BatchSpliterator extends Spliterators.AbstractSpliterator<List<Long>> {

    private final PrimitiveIterator.OfLong source;
    private final int size;

    BatchSpliterator(PrimitiveIterator.OfLong source, int size) {
        super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
        this.source = source;
        this.size = size;
    }

    @Override
    public boolean tryAdvance(Consumer<? super List<Long>> action) {
        if (!source.hasNext()) {
            return false;
        }
        List<Long> batch = new ArrayList<>(size);
        while (batch.size() < size && source.hasNext()) {
            batch.add(source.nextLong());
        }
        action.accept(batch);
        return true;
    }
}
