package io.minigun.sample.customers;

/**
 * What one customer ordered in the imported data.
 *
 * @param customerId the customer id
 * @param orders     number of orders
 * @param totalCents sum of the order totals, in cents
 * @param tier       GOLD, SILVER or BRONZE, once ranked ({@code null} before)
 */
public record CustomerTotal(String customerId, long orders, long totalCents, String tier) {

    CustomerTotal withTier(String newTier) {
        return new CustomerTotal(customerId, orders, totalCents, newTier);
    }
}
