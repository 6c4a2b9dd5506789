package io.minigun.sample.orders;

import io.minigun.sample.SampleProperties;
import io.minigun.sample.dataset.OrderDataSet;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for a remote product catalog: every lookup waits {@code sample.lookup-latency} (as a call to another
 * service would), then answers from a deterministic in-memory catalog of {@value OrderDataSet#PRODUCTS} products.
 * Blocking calls like this one are what VIRTUAL (or a large THREAD pool) is for.
 */
@Service
public class ProductCatalog {
    private final Duration latency;

    public ProductCatalog(SampleProperties properties) {
        this.latency = properties.lookupLatency();
    }

    /** The product with that SKU, after the simulated latency; empty when the catalog does not know it. */
    public Optional<Product> lookup(String sku) throws InterruptedException {
        if (!latency.isZero()) {
            TimeUnit.NANOSECONDS.sleep(latency.toNanos());
        }
        return Optional.ofNullable(product(sku));
    }

    private static Product product(String sku) {
        if (!sku.startsWith("SKU-") || sku.length() != 8) {
            return null;
        }
        int number;
        try {
            number = Integer.parseInt(sku.substring(4));
        } catch (NumberFormatException e) {
            return null;
        }
        if (number < 1 || number > OrderDataSet.PRODUCTS) {
            return null;
        }
        return new Product(sku, "Product " + number, 99 + (number * 37L) % 5_000);
    }
}
