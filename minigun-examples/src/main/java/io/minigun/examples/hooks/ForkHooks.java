package io.minigun.examples.hooks;

import io.minigun.ContextType;
import io.minigun.Minigun;
import io.minigun.examples.Examples;

import java.io.Serializable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Ruby {@code 17_db_connection_hooks.rb}: a connection must not be shared with worker JVMs. {@code beforeFork} runs
 * in the parent before the workers start (it releases the parent's connection), {@code afterFork} runs in every
 * worker as it starts (it opens the worker's own). The PROCESS stage reports which connection saved each item, so
 * the parent sees what happened in the workers.
 */
public final class ForkHooks {

    private ForkHooks() {
    }

    /** A per-JVM connection: each worker JVM has its own copy of this static state. */
    static final class Database {
        static volatile String connection = "parent connection";

        private Database() {
        }
    }

    public record Saved(int id, String connection, long pid) implements Serializable {
    }

    public record Outcome(List<String> parentEvents, List<Saved> saved) {
    }

    public static Outcome run() {
        List<String> events = new CopyOnWriteArrayList<>();
        List<Saved> saved = Examples.collect(collect -> Minigun.pipeline("fork-hooks")
                .beforeRun(() -> events.add("Connected: " + Database.connection))
                .beforeFork(() -> {
                    events.add("Disconnected before fork: " + Database.connection);
                    Database.connection = null;
                })
                .afterFork(() -> Database.connection = "worker connection " + ProcessHandle.current().pid())
                .afterRun(() -> events.add("Final disconnect"))
                .producer("generate", Examples.numbers(1, 10))
                .processor("save", (Integer id) -> new Saved(id, Database.connection, ProcessHandle.current().pid()),
                        s -> s.concurrency(ContextType.PROCESS).poolSize(2))
                .consumer("collect", collect));
        return new Outcome(List.copyOf(events),
                Examples.sortedBy(saved, Saved::id));
    }

    public static void main(String[] args) {
        Outcome o = run();
        System.out.println("Parent events: " + o.parentEvents());
        o.saved().forEach(System.out::println);
    }
}
