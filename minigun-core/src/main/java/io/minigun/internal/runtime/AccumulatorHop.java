package io.minigun.internal.runtime;

/**
 * The output of a stage whose only static target is a fused accumulator: buffering the item is a direct call the
 * JIT inlines into the emitting stage, where the shared path goes through a {@link Target} per item.
 */
final class AccumulatorHop extends Emitter {
    private final AccumulatorStage next;
    private final Lane nextLane;

    AccumulatorHop(StageRuntime stage, Lane lane, AccumulatorStage next) {
        super(stage, lane);
        this.next = next;
        this.nextLane = next.lanes[0];
    }

    @Override
    public void emit(Object item) {
        checkEmit(item);
        depart();
        // a timed item's own time must not include the accumulator's (which may flush a batch downstream)
        if (lane.sampling) {
            long start = System.nanoTime();
            next.onItem(nextLane, item);
            lane.downstreamNanos += System.nanoTime() - start;
        } else {
            next.onItem(nextLane, item);
        }
    }
}
