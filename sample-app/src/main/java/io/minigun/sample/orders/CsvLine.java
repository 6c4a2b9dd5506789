package io.minigun.sample.orders;

import java.io.Serializable;

/**
 * One line of the data set as read from the file: what crosses the pipe to the parse workers.
 *
 * @param number the line's record number (1 for the first line after the header)
 * @param text   the line
 */
public record CsvLine(long number, String text) implements Serializable {
}
