package io.minigun.sample.orders;

import java.io.Serializable;

/**
 * A record that cannot be imported, on its way to the dead-letter table.
 *
 * @param lineNumber the record number of the line it came from
 * @param line       the line it came from
 * @param stage      the stage that rejected it
 * @param reason     why, as a code
 * @param detail     why, in words
 */
public record Rejected(long lineNumber, String line, String stage, RejectReason reason, String detail)
        implements Serializable {
}
