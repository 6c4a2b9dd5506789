package io.minigun;

import io.minigun.internal.definition.StageConfig;
import io.minigun.internal.definition.StageConfigs;
import io.minigun.remote.RemoteTransport;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The options of one stage, set through {@link StageOptions}. Values are checked when the pipeline is built, so a
 * wrong value is reported with the pipeline and stage it belongs to.
 */
public final class StageSpec {
    static {
        StageConfigs.install(StageSpec::toConfig);
    }

    private final List<String> to = new ArrayList<>();
    private final List<String> from = new ArrayList<>();
    private @Nullable Routing routing;
    private @Nullable ContextType concurrency;
    private @Nullable Integer threads;
    private @Nullable Integer poolSize;
    private @Nullable String context;
    private @Nullable Affinity affinity;
    private @Nullable Integer queueSize;
    private boolean unbounded;
    private @Nullable Integer retries;
    private @Nullable Duration backoff;
    private @Nullable ErrorPolicy onError;
    private @Nullable DeadLetterHandler deadLetter;
    private @Nullable Boolean await;
    private @Nullable Integer maxSize;
    private @Nullable Duration maxWait;
    private @Nullable RemoteTransport transport;

    /** Adds static edges from this stage to the named stages (forward references allowed). */
    public StageSpec to(String... stages) {
        to.addAll(names(stages));
        return this;
    }

    /** Adds static edges from the named stages into this stage (forward references allowed). */
    public StageSpec from(String... stages) {
        from.addAll(names(stages));
        return this;
    }

    /** How items are distributed when this stage has several downstream stages. */
    public StageSpec routing(Routing routing) {
        this.routing = Objects.requireNonNull(routing, "routing");
        return this;
    }

    /** The context this stage's items run in. */
    public StageSpec concurrency(ContextType type) {
        this.concurrency = Objects.requireNonNull(type, "concurrency");
        return this;
    }

    /** Runs the stage on a pool of this many platform threads (implies {@link ContextType#THREAD}). */
    public StageSpec threads(int threads) {
        this.threads = threads;
        return this;
    }

    /** The worker count for the stage's context: threads, the virtual-thread cap, or worker JVMs. */
    public StageSpec poolSize(int poolSize) {
        this.poolSize = poolSize;
        return this;
    }

    /** Runs the stage in a named context defined with {@code PipelineBuilder.context(name, type, size)}. */
    public StageSpec context(String name) {
        this.context = Objects.requireNonNull(name, "context");
        return this;
    }

    /** Whether the plan may fuse this stage with its upstream. */
    public StageSpec affinity(Affinity affinity) {
        this.affinity = Objects.requireNonNull(affinity, "affinity");
        return this;
    }

    /** The capacity of this stage's input queue. */
    public StageSpec queueSize(int size) {
        this.queueSize = size;
        return this;
    }

    /** Gives this stage an unbounded input queue (no backpressure: use only when the input is known to be small). */
    public StageSpec unbounded() {
        this.unbounded = true;
        return this;
    }

    /** How many times a failing item is retried before it fails. */
    public StageSpec retries(int retries) {
        this.retries = retries;
        return this;
    }

    /** The first retry delay; each further retry doubles it. */
    public StageSpec backoff(Duration backoff) {
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        return this;
    }

    /** What the run does when an item of this stage fails. */
    public StageSpec onError(ErrorPolicy policy) {
        this.onError = Objects.requireNonNull(policy, "onError");
        return this;
    }

    /** Receives every item of this stage that failed after its retries. */
    public StageSpec deadLetter(DeadLetterHandler handler) {
        this.deadLetter = Objects.requireNonNull(handler, "deadLetter");
        return this;
    }

    /** Marks a stage that expects only dynamically routed input: it is left out of automatic wiring. */
    public StageSpec await(boolean await) {
        this.await = await;
        return this;
    }

    /** Accumulators: flush when this many items are buffered (default 100). */
    public StageSpec maxSize(int maxSize) {
        this.maxSize = maxSize;
        return this;
    }

    /** Accumulators: flush when this much time has passed since the first buffered item. */
    public StageSpec maxWait(Duration maxWait) {
        this.maxWait = Objects.requireNonNull(maxWait, "maxWait");
        return this;
    }

    /**
     * Runs the stage's items remotely, through {@code transport} (e.g. over Kafka), instead of in this JVM. Only
     * processors and consumers may be remote, and a remote stage sets no concurrency, threads, poolSize or context.
     */
    public StageSpec transport(RemoteTransport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
        return this;
    }

    /** The options as an immutable value. */
    StageConfig toConfig() {
        return new StageConfig(List.copyOf(to), List.copyOf(from), routing, concurrency, threads, poolSize, context,
                affinity, queueSize, unbounded, retries, backoff, onError, deadLetter, await, maxSize, maxWait,
                transport);
    }

    /**
     * The options set on this spec over {@code declared}: what is set here wins, edges are added, and a queue size
     * set here replaces a declared unbounded queue (and {@code unbounded()} a declared queue size).
     */
    StageConfig toConfigOver(StageConfig declared) {
        List<String> allTo = new ArrayList<>(declared.to());
        allTo.addAll(to);
        List<String> allFrom = new ArrayList<>(declared.from());
        allFrom.addAll(from);
        Integer capacity = unbounded ? null : or(queueSize, declared.queueSize());
        boolean noBound = unbounded || (queueSize == null && declared.unbounded());
        return new StageConfig(List.copyOf(allTo), List.copyOf(allFrom), or(routing, declared.routing()),
                or(concurrency, declared.concurrency()), or(threads, declared.threads()),
                or(poolSize, declared.poolSize()), or(context, declared.context()), or(affinity, declared.affinity()),
                capacity, noBound, or(retries, declared.retries()), or(backoff, declared.backoff()),
                or(onError, declared.onError()), or(deadLetter, declared.deadLetter()), or(await, declared.await()),
                or(maxSize, declared.maxSize()), or(maxWait, declared.maxWait()),
                or(transport, declared.transport()));
    }

    private static <T> @Nullable T or(@Nullable T set, @Nullable T declared) {
        return set != null ? set : declared;
    }

    private static List<String> names(String... stages) {
        Objects.requireNonNull(stages, "stage names");
        for (String s : stages) {
            Objects.requireNonNull(s, "stage name");
        }
        return Arrays.asList(stages);
    }
}
