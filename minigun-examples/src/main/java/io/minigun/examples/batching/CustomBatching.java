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
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Ruby {@code 44_custom_batching.rb}: batching per key. A loop stage keeps one buffer per email type, each with its
 * own threshold, and sends a full buffer by name to that type's sender ({@code out.to("newsletter_sender")}). Unlike
 * the original, which never flushes its leftover buffers, the stage sends them when its input ends.
 *
 * <p>The original's second variant ({@link #runByPriority()}) keys its buffers by type and priority, with a
 * threshold per priority (urgent 1, high 2, normal 3, low 5), and sends every batch to one sender.
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
                .stage("batch_by_type", (Input<Email> in, Output<List<Email>> out) -> batchByKey(in, Email::type,
                        email -> THRESHOLDS.get(email.type()),
                        (type, batch) -> out.<List<Email>>to(type + "_sender").emit(batch)))
                .consumer("newsletter_sender", (List<Email> batch) -> sent.get("newsletter").add(ids(batch)),
                        s -> s.await(true))
                .consumer("transactional_sender", (List<Email> batch) -> sent.get("transactional").add(ids(batch)),
                        s -> s.await(true))
                .consumer("alert_sender", (List<Email> batch) -> sent.get("alert").add(ids(batch)), s -> s.await(true))
                .build()
                .run());
        return new TreeMap<>(sent);
    }

    public record Message(int id, String type, String priority) {
        String key() {
            return type + "_" + priority;
        }
    }

    static final List<String> CHANNELS = List.of("email", "sms", "push");

    static final List<String> PRIORITIES = List.of("low", "normal", "high", "urgent");

    static final Map<String, Integer> PRIORITY_THRESHOLDS = Map.of("urgent", 1, "high", 2, "normal", 3, "low", 5);

    /** Per type and priority ("sms_urgent"), the batches of message ids the sender received, by first id. */
    public static Map<String, List<List<Integer>>> runByPriority() {
        Map<String, List<List<Integer>>> sent = new ConcurrentHashMap<>();
        Examples.ok(Minigun.pipeline("priority-batching")
                .producer("messages", out -> {
                    for (int id = 1; id <= 20; id++) {
                        out.emit(new Message(id, CHANNELS.get(id % 3), PRIORITIES.get(id % 4)));
                    }
                })
                .stage("smart_batcher", (Input<Message> in, Output<List<Message>> out) -> batchByKey(in,
                        Message::key, message -> PRIORITY_THRESHOLDS.get(message.priority()),
                        (key, batch) -> out.emit(batch)))
                .consumer("send_batch", (List<Message> batch) -> sent
                        .computeIfAbsent(batch.get(0).key(), k -> new CopyOnWriteArrayList<>())
                        .add(batch.stream().map(Message::id).toList()))
                .build()
                .run());
        Map<String, List<List<Integer>>> byKey = new TreeMap<>();
        sent.forEach((key, batches) -> byKey.put(key, Examples.sortedBy(batches, batch -> batch.get(0))));
        return byKey;
    }

    /**
     * The loop both stages run: one buffer per key, sent when it holds its item's threshold, and what is left in
     * each buffer sent when the input ends.
     */
    private static <T> void batchByKey(Input<T> in, Function<T, String> key, ToIntFunction<T> threshold,
                                       BiConsumer<String, List<T>> send) {
        Map<String, List<T>> buffers = new LinkedHashMap<>();
        for (T item : in) {
            List<T> buffer = buffers.computeIfAbsent(key.apply(item), k -> new ArrayList<>());
            buffer.add(item);
            if (buffer.size() >= threshold.applyAsInt(item)) {
                send.accept(key.apply(item), List.copyOf(buffer));
                buffer.clear();
            }
        }
        buffers.forEach((k, rest) -> {
            if (!rest.isEmpty()) {
                send.accept(k, List.copyOf(rest));
            }
        });
    }

    private static List<Integer> ids(List<Email> batch) {
        return batch.stream().map(Email::id).toList();
    }

    public static void main(String[] args) {
        run().forEach((type, batches) -> System.out.println(type + ": " + batches));
        runByPriority().forEach((key, batches) -> System.out.println(key + ": " + batches));
    }
}
