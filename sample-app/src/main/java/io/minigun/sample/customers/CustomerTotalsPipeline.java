package io.minigun.sample.customers;

import io.minigun.Affinity;
import io.minigun.annotation.Accumulator;
import io.minigun.annotation.BeforeRun;
import io.minigun.annotation.Consumer;
import io.minigun.annotation.MinigunPipeline;
import io.minigun.annotation.Processor;
import io.minigun.annotation.Producer;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * <b>Level 3, expert</b>: per-customer totals of the imported orders, with fine-grained control over where each
 * stage runs.
 * <ul>
 *   <li>{@code total} runs in the named context {@code database}, defined in {@code application.yml}
 *       ({@code minigun.contexts.database}: its type and size, e.g. as many workers as the connections it may
 *       take from the pool). Any stage that names that context shares its workers.</li>
 *   <li>{@code save} declares {@link Affinity#INDEPENDENT}: the plan would otherwise fuse it into the thread of
 *       {@code batch} (a single-threaded upstream); independent, it gets its own thread and queue, so the
 *       inserts overlap with ranking and batching.</li>
 * </ul>
 * It is also a {@code @Component}, which the starter allows: a class that component scanning (or a {@code @Bean}
 * method) already declares is not registered a second time. The other two pipelines have no such annotation.
 */
@Component
@MinigunPipeline(name = "customerTotals")
public class CustomerTotalsPipeline {
    static final long GOLD_CENTS = 1_500_000;
    static final long SILVER_CENTS = 1_000_000;

    private final CustomerRepository repository;

    public CustomerTotalsPipeline(CustomerRepository repository) {
        this.repository = repository;
    }

    @BeforeRun
    void prepare() {
        repository.clear();
    }

    @Producer
    List<String> customers() {
        return repository.customerIds();
    }

    @Processor(context = "database")
    CustomerTotal total(String customerId) {
        return repository.totalOf(customerId);
    }

    @Processor
    CustomerTotal rank(CustomerTotal total) {
        String tier = total.totalCents() >= GOLD_CENTS ? "GOLD"
                : total.totalCents() >= SILVER_CENTS ? "SILVER" : "BRONZE";
        return total.withTier(tier);
    }

    @Accumulator(maxSize = 250)
    List<CustomerTotal> batch(List<CustomerTotal> totals) {
        return totals;
    }

    @Consumer(affinity = Affinity.INDEPENDENT)
    void save(List<CustomerTotal> batch) {
        repository.insert(batch);
    }
}
