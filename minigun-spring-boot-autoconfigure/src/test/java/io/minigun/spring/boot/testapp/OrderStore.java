package io.minigun.spring.boot.testapp;

import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Where the orders pipeline stores its results (stands in for a repository). */
@Component
public class OrderStore {
    private final List<Long> totals = Collections.synchronizedList(new ArrayList<>());

    public void save(long totalCents) {
        totals.add(totalCents);
    }

    public List<Long> totals() {
        synchronized (totals) {
            return List.copyOf(totals);
        }
    }

    public void clear() {
        totals.clear();
    }
}
