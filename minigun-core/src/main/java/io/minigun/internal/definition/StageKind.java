package io.minigun.internal.definition;

/** The kinds of stage a pipeline can declare. */
public enum StageKind {
    PRODUCER("producer"),
    PROCESSOR("processor"),
    ACCUMULATOR("accumulator"),
    CONSUMER("consumer"),
    LOOP("stage"),
    PIPELINE("pipeline"),
    /** Internal: the entrance of a nested pipeline with several entry stages. Invisible in stats. */
    ROUTER("router");

    private final String label;

    StageKind(String label) {
        this.label = label;
    }

    /** The word users know the kind by, as in the builder method names. */
    public String label() {
        return label;
    }

    /** Whether stages of this kind take items from an input. */
    public boolean hasInput() {
        return this != PRODUCER;
    }
}
