package io.minigun.sample.orders;

/** A record that cannot be imported; the stage that finds out routes it to the dead-letter table. */
public class InvalidRecordException extends Exception {
    private static final long serialVersionUID = 1L;

    private final RejectReason reason;

    public InvalidRecordException(RejectReason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    public RejectReason reason() {
        return reason;
    }

    /** The dead-letter record of {@code line}, rejected by {@code stage} for this reason. */
    public Rejected rejected(long lineNumber, String line, String stage) {
        return new Rejected(lineNumber, line, stage, reason, getMessage());
    }
}
