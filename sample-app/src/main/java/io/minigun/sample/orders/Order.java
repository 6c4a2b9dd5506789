package io.minigun.sample.orders;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * A parsed order record: what the parse workers send back.
 *
 * @param lineNumber the record number of the line it was parsed from
 * @param source     the line it was parsed from, kept for the dead-letter table
 * @param orderId    the order id
 * @param customerId the customer id
 * @param sku        the product SKU
 * @param quantity   the quantity ordered (not validated yet)
 * @param orderDate  the order date
 */
public record Order(long lineNumber, String source, long orderId, String customerId, String sku, int quantity,
                    LocalDate orderDate) implements Serializable {
}
