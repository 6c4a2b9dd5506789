package io.minigun.sample.orders;

/**
 * A catalog entry.
 *
 * @param sku            the SKU
 * @param name           the product name
 * @param unitPriceCents the unit price in cents
 */
public record Product(String sku, String name, long unitPriceCents) {
}
