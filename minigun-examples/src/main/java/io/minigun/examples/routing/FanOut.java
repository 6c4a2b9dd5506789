package io.minigun.examples.routing;

import io.minigun.Minigun;
import io.minigun.examples.Examples;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Ruby {@code 03_fan_out.rb}: every user goes to three notification senders at once (a stage with several
 * {@code to} targets broadcasts to all of them).
 */
public final class FanOut {

    private FanOut() {
    }

    public record User(int id, String name, String email, String phone) {
    }

    /** The messages each sender produced. */
    public record Outcome(List<String> emails, List<String> sms, List<String> pushes) {
    }

    static final List<String> NAMES = List.of("Alice", "Bob", "Carol", "Dave", "Eve", "Frank", "Grace", "Heidi");

    public static Outcome run() {
        List<String> emails = new CopyOnWriteArrayList<>();
        List<String> sms = new CopyOnWriteArrayList<>();
        List<String> pushes = new CopyOnWriteArrayList<>();
        Examples.ok(Minigun.pipeline("fan-out")
                .producer("users", out -> {
                    for (int i = 0; i < NAMES.size(); i++) {
                        String name = NAMES.get(i);
                        out.emit(new User(i + 1, name, name.toLowerCase() + "@example.com", "555-010" + i));
                    }
                }, s -> s.to("email_sender", "sms_sender", "push_sender"))
                .consumer("email_sender", (User u) -> emails.add("Email to " + u.email() + ": Hello " + u.name() + "!"))
                .consumer("sms_sender", (User u) -> sms.add("SMS to " + u.phone() + ": Hi " + u.name()))
                .consumer("push_sender", (User u) -> pushes.add("Push to user " + u.id() + ": news for " + u.name()))
                .build()
                .run());
        return new Outcome(List.copyOf(emails), List.copyOf(sms), List.copyOf(pushes));
    }

    public static void main(String[] args) {
        Outcome outcome = run();
        System.out.println(outcome.emails().size() + " emails, first: " + outcome.emails().get(0));
        System.out.println(outcome.sms().size() + " SMS, first: " + outcome.sms().get(0));
        System.out.println(outcome.pushes().size() + " pushes, first: " + outcome.pushes().get(0));
    }
}
