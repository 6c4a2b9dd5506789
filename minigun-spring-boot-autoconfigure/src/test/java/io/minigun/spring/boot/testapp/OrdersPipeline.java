package io.minigun.spring.boot.testapp;

import io.minigun.Output;
import io.minigun.RunContext;
import io.minigun.annotation.Consumer;
import io.minigun.annotation.MinigunPipeline;
import io.minigun.annotation.Processor;
import io.minigun.annotation.Producer;
import org.springframework.stereotype.Component;

/** Orders 1..count (run parameter, default 50) are priced, taxed (a standalone stage bean) and stored. */
@Component
@MinigunPipeline(name = "orders", threads = 2)
public class OrdersPipeline {
    private final PriceService prices;
    private final OrderStore store;

    public OrdersPipeline(PriceService prices, OrderStore store) {
        this.prices = prices;
        this.store = store;
    }

    @Producer
    void generate(Output<Integer> out, RunContext context) {
        int count = ((Number) context.parameters().getOrDefault("count", 50)).intValue();
        for (int i = 1; i <= count; i++) {
            out.emit(i);
        }
    }

    @Processor(threads = 2)
    Long price(Integer order) {
        return prices.priceCents(order);
    }

    @Consumer
    void store(Long totalCents) {
        store.save(totalCents);
    }
}
