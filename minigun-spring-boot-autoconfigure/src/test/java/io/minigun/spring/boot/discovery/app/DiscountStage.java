package io.minigun.spring.boot.discovery.app;

import io.minigun.MapFunction;
import io.minigun.annotation.Processor;

/** A standalone stage class with no other annotation: joins "orders" between "price" and "collect". */
@Processor(pipeline = "orders", name = "discount", from = "price", to = "collect")
public class DiscountStage implements MapFunction<Long, Long> {
    private static final long serialVersionUID = 1L;

    @Override
    public Long apply(Long cents) {
        return cents - 10;
    }
}
