package io.minigun.sample.orders;

/** Why a record went to the dead-letter table (stored as the {@code reason_code} column). */
public enum RejectReason {
    /** The line does not have the five fields. */
    MALFORMED_LINE,
    /** The quantity is not a number. */
    QUANTITY_NOT_A_NUMBER,
    /** The order date is not a valid date. */
    INVALID_DATE,
    /** The quantity is outside 1..100. */
    QUANTITY_OUT_OF_RANGE,
    /** The catalog does not know the SKU. */
    UNKNOWN_PRODUCT
}
