package io.minigun.sample.orders;

import org.jspecify.annotations.Nullable;

/**
 * An order with what the catalog knows about its product.
 *
 * @param order   the parsed order
 * @param product its product, or {@code null} when the catalog does not know the SKU
 */
public record EnrichedOrder(Order order, @Nullable Product product) {
}
