package io.minigun.sample.orders;

import java.time.LocalDate;

/**
 * A valid order, as inserted into the {@code orders} table.
 *
 * @param orderId        the order id
 * @param customerId     the customer id
 * @param sku            the product SKU
 * @param productName    the product name
 * @param quantity       the quantity ordered
 * @param unitPriceCents the unit price in cents
 * @param totalCents     quantity times unit price, in cents
 * @param orderDate      the order date
 */
public record ImportedOrder(long orderId, String customerId, String sku, String productName, int quantity,
                            long unitPriceCents, long totalCents, LocalDate orderDate) {
}
