package io.minigun.examples.batching;

import io.minigun.Input;
import io.minigun.Minigun;
import io.minigun.Output;
import io.minigun.examples.Examples;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Ruby {@code 44_custom_batching.rb}: batching per key. A loop stage keeps one buffer per email type, each with its
 * own threshold, and sends a full buffer by name to that type's sender ({@code out.to("newsletter_sender")}). Unlike
 * the original, which never flushes its leftover buffers, the stage sends them when its input ends.
 */
public final class CustomBatching {

    private CustomBatching() {
    }

    public record Email(int id, String type) {
    }

    static final List<String> TYPES = List.of("newsletter", "transactional", "alert");

    static final Map<String, Integer> THRESHOLDS = Map.of("newsletter", 2, "transactional", 3, "alert", 3);

    /** Per type, the batches of email ids its sender received, in order. */
    public static Map<String, List<List<Integer>>> run() {
        Map<String, List<List<Integer>>> sent = new ConcurrentHashMap<>();
        TYPES.forEach(t -> sent.put(t, new CopyOnWriteArrayList<>()));
        Examples.ok(Minigun.pipeline("custom-batching")
                .producer("emails", out -> {
                    for (int id = 1; id <= 10; id++) {
                        out.emit(new Email(id, TYPES.get(id % 3)));
                    }
                })
                .stage("batch_by_type", (Input<Email> in, Output<List<Email>> out) -> {
                    Map<String, List<Email>> buffers = new LinkedHashMap<>();
                    for (Email email : in) {
                        List<Email> buffer = buffers.computeIfAbsent(email.type(), t -> new ArrayList<>());
                        buffer.add(email);
                        if (buffer.size() >= THRESHOLDS.get(email.type())) {
                            out.<List<Email>>to(email.type() + "_sender").emit(List.copyOf(buffer));
                            buffer.clear();
                        }
                    }
                    buffers.forEach((type, rest) -> {
                        if (!rest.isEmpty()) {
                            out.<List<Email>>to(type + "_sender").emit(List.copyOf(rest));
                        }
                    });
                })
                .consumer("newsletter_sender", (List<Email> batch) -> sent.get("newsletter").add(ids(batch)),
                        s -> s.await(true))
                .consumer("transactional_sender", (List<Email> batch) -> sent.get("transactional").add(ids(batch)),
                        s -> s.await(true))
                .consumer("alert_sender", (List<Email> batch) -> sent.get("alert").add(ids(batch)), s -> s.await(true))
                .build()
                .run());
        return new TreeMap<>(sent);
    }

    private static List<Integer> ids(List<Email> batch) {
        return batch.stream().map(Email::id).toList();
    }

    public static void main(String[] args) {
        run().forEach((type, batches) -> System.out.println(type + ": " + batches));
    }
}
