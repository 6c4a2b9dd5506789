package io.minigun.examples.routing;

import io.minigun.Minigun;
import io.minigun.examples.Examples;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Ruby {@code 41_message_router.rb}: messages are classified by their content, batched by 5 and stored; the store
 * counts each type.
 */
public final class MessageRouter {

    private MessageRouter() {
    }

    public record Message(int id, String text) {
    }

    public record Classified(String type, Message message) {
    }

    static final List<String> TEXTS = List.of("order placed", "payment received", "user signed up", "disk alert");

    static String classify(Message m) {
        if (m.text().startsWith("order")) {
            return "order";
        }
        if (m.text().startsWith("payment")) {
            return "payment";
        }
        return m.text().contains("alert") ? "alert" : "event";
    }

    public record Outcome(Map<String, Integer> counts, List<Integer> batchSizes) {
    }

    public static Outcome run() {
        Map<String, Integer> counts = new ConcurrentHashMap<>();
        List<Integer> batchSizes = new CopyOnWriteArrayList<>();
        Examples.ok(Minigun.pipeline("message-router")
                .producer("messages", out -> {
                    for (int id = 1; id <= 25; id++) {
                        out.emit(new Message(id, TEXTS.get(id % TEXTS.size())));
                    }
                })
                .processor("classify", (Message m) -> new Classified(classify(m), m))
                .accumulator("batch", s -> s.maxSize(5))
                .consumer("store", (List<Classified> batch) -> {
                    batchSizes.add(batch.size());
                    batch.forEach(c -> counts.merge(c.type(), 1, Integer::sum));
                })
                .build()
                .run());
        return new Outcome(new TreeMap<>(counts), List.copyOf(batchSizes));
    }

    public static void main(String[] args) {
        Outcome o = run();
        System.out.println("Counts: " + o.counts() + ", batches: " + o.batchSizes());
    }
}
