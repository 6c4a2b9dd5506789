package io.minigun.spring.boot.testapp;

import io.minigun.MapFunction;
import io.minigun.annotation.Processor;
import org.springframework.stereotype.Component;

/** A standalone stage bean: joins "orders" between "price" and "store". */
@Component
@Processor(pipeline = "orders", name = "tax", from = "price", to = "store")
public class TaxStage implements MapFunction<Long, Long> {
    private static final long serialVersionUID = 1L;

    @Override
    public Long apply(Long cents) {
        return cents + cents / 10;
    }
}
