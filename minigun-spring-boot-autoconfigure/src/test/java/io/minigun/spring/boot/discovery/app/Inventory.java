package io.minigun.spring.boot.discovery.app;

import org.springframework.stereotype.Component;

/** A dependency injected into {@link OrdersPipeline} through its constructor. */
@Component
public class Inventory {

    public long priceCents(int sku) {
        return sku * 100L;
    }
}
