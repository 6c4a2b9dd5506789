package io.minigun.spring.boot.discovery.app;

import io.minigun.Output;
import io.minigun.annotation.Consumer;
import io.minigun.annotation.MinigunPipeline;
import io.minigun.annotation.Processor;
import io.minigun.annotation.Producer;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** SKUs 1..4 priced by the injected {@link Inventory}, discounted by {@link DiscountStage}; no other annotation. */
@MinigunPipeline(name = "orders")
public class OrdersPipeline {
    private final Inventory inventory;
    private final List<Long> collected = new CopyOnWriteArrayList<>();

    public OrdersPipeline(Inventory inventory) {
        this.inventory = inventory;
    }

    @Producer
    void skus(Output<Integer> out) {
        for (int sku = 1; sku <= 4; sku++) {
            out.emit(sku);
        }
    }

    @Processor
    Long price(Integer sku) {
        return inventory.priceCents(sku);
    }

    @Consumer
    void collect(Long cents) {
        collected.add(cents);
    }

    public Inventory inventory() {
        return inventory;
    }

    public List<Long> collected() {
        return collected;
    }
}
