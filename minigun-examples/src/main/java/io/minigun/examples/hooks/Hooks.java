package io.minigun.examples.hooks;

import io.minigun.Minigun;
import io.minigun.examples.Examples;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Ruby {@code 11_hooks.rb} and {@code 18_resource_cleanup_hooks.rb}: run hooks around the whole run, and stage hooks
 * that open a resource before a stage takes its first item and close it after its last. The stage uses the
 * resource, so an item that arrived before it was opened or after it was closed would fail the run.
 */
public final class Hooks {

    private Hooks() {
    }

    /** A stand-in for a file handle: writing to it while it is closed throws. */
    static final class Handle {
        private volatile boolean open;
        private final List<Integer> written = new CopyOnWriteArrayList<>();

        void write(int value) {
            if (!open) {
                throw new IllegalStateException("file handle is closed");
            }
            written.add(value);
        }
    }

    public record Outcome(List<String> events, List<Integer> written) {
    }

    public static Outcome run() {
        List<String> events = new CopyOnWriteArrayList<>();
        Handle handle = new Handle();
        Examples.ok(Minigun.pipeline("hooks")
                .beforeRun(() -> events.add("before_run"))
                .afterRun(() -> events.add("after_run"))
                .producer("generate", Examples.numbers(1, 5))
                .processor("multiply", (Integer n) -> n * 10)
                .consumer("write", (Integer n) -> handle.write(n))
                .before("write", () -> {
                    handle.open = true;
                    events.add("Opened file handle");
                })
                .after("write", () -> {
                    handle.open = false;
                    events.add("Closed file handle");
                })
                .build()
                .run());
        return new Outcome(List.copyOf(events), List.copyOf(handle.written));
    }

    public static void main(String[] args) {
        Outcome o = run();
        System.out.println("Events: " + o.events());
        System.out.println("Written: " + o.written());
    }
}
