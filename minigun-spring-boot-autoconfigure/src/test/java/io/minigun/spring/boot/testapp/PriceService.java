package io.minigun.spring.boot.testapp;

import org.springframework.stereotype.Service;

/** A dependency injected into a stage: prices an order. */
@Service
public class PriceService {

    public long priceCents(int order) {
        return order * 100L;
    }
}
