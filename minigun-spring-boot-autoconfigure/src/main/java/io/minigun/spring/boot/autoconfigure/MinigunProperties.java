package io.minigun.spring.boot.autoconfigure;

import io.minigun.Affinity;
import io.minigun.ContextType;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.DeprecatedConfigurationProperty;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Configuration properties for Minigun ({@code minigun.*}).
 *
 * <p>Precedence, most specific first: {@code minigun.pipelines.<name>.*} (and {@code .stages.<stage>.*}), then the
 * pipeline's annotations ({@code @MinigunPipeline} and stage annotation attributes), then the global
 * {@code minigun.concurrency.*} and {@code minigun.queue-size}, then the library defaults.
 */
@ConfigurationProperties("minigun")
public class MinigunProperties {

    /** Whether to enable the Minigun auto-configuration (executor, discovery, metrics, endpoint). */
    private boolean enabled = true;

    private final Concurrency concurrency = new Concurrency();

    /** Default capacity of every stage's input queue. */
    private int queueSize = 1000;

    /**
     * Per-pipeline overrides, keyed by pipeline name. Each entry takes concurrency.* (threads, processes,
     * virtual-threads, retries, backoff, inline, force-inline), queue-size, and stages.&lt;stage&gt;.* (concurrency,
     * threads, pool-size, queue-size, retries, affinity, context, transport, kafka.*); a stage of a nested pipeline
     * is keyed [nested/stage]. Overrides the pipeline's annotations; a name that matches no pipeline or stage fails
     * startup.
     */
    private final Map<String, PipelineProperties> pipelines = new LinkedHashMap<>();

    /**
     * Named contexts shared by the stages that select them (stage option context), keyed by name. Each entry takes
     * type (THREAD, VIRTUAL, INLINE or PROCESS) and size.
     */
    private final Map<String, ContextProperties> contexts = new LinkedHashMap<>();

    private final Process process = new Process();

    /** Names of the pipelines to start once the application is ready. */
    private List<String> runOnStartup = new ArrayList<>();

    private final Progress progress = new Progress();

    /** Default pool size of THREAD stages (deprecated alias of minigun.concurrency.threads). */
    private @Nullable Integer maxThreads;

    /** Default number of worker JVMs of PROCESS stages (deprecated alias of minigun.concurrency.processes). */
    private @Nullable Integer maxProcesses;

    /** Default retries of a failing item (deprecated alias of minigun.concurrency.retries). */
    private @Nullable Integer maxRetries;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Concurrency getConcurrency() {
        return concurrency;
    }

    public int getQueueSize() {
        return queueSize;
    }

    public void setQueueSize(int queueSize) {
        this.queueSize = queueSize;
    }

    public Map<String, PipelineProperties> getPipelines() {
        return pipelines;
    }

    public Map<String, ContextProperties> getContexts() {
        return contexts;
    }

    public Process getProcess() {
        return process;
    }

    public List<String> getRunOnStartup() {
        return runOnStartup;
    }

    public void setRunOnStartup(List<String> runOnStartup) {
        this.runOnStartup = runOnStartup;
    }

    public Progress getProgress() {
        return progress;
    }

    @Deprecated(since = "0.1.0")
    @DeprecatedConfigurationProperty(replacement = "minigun.concurrency.threads", since = "0.1.0",
            reason = "Concurrency settings moved under minigun.concurrency")
    public @Nullable Integer getMaxThreads() {
        return maxThreads;
    }

    @Deprecated(since = "0.1.0")
    public void setMaxThreads(@Nullable Integer maxThreads) {
        this.maxThreads = maxThreads;
    }

    @Deprecated(since = "0.1.0")
    @DeprecatedConfigurationProperty(replacement = "minigun.concurrency.processes", since = "0.1.0",
            reason = "Concurrency settings moved under minigun.concurrency")
    public @Nullable Integer getMaxProcesses() {
        return maxProcesses;
    }

    @Deprecated(since = "0.1.0")
    public void setMaxProcesses(@Nullable Integer maxProcesses) {
        this.maxProcesses = maxProcesses;
    }

    @Deprecated(since = "0.1.0")
    @DeprecatedConfigurationProperty(replacement = "minigun.concurrency.retries", since = "0.1.0",
            reason = "Concurrency settings moved under minigun.concurrency")
    public @Nullable Integer getMaxRetries() {
        return maxRetries;
    }

    @Deprecated(since = "0.1.0")
    public void setMaxRetries(@Nullable Integer maxRetries) {
        this.maxRetries = maxRetries;
    }

    /** Global concurrency defaults, inherited by every pipeline ({@code minigun.concurrency.*}). */
    public static class Concurrency {

        /** Default pool size of THREAD stages. */
        private int threads = 5;

        /** Default number of worker JVMs of PROCESS stages. */
        private int processes = 2;

        /** Default cap on the virtual threads a VIRTUAL stage runs at once. */
        private int virtualThreads = 256;

        /** Default number of retries of a failing item. */
        private int retries = 0;

        /** First delay before retrying a failed item; doubles with every attempt. */
        private Duration backoff = Duration.ofMillis(100);

        /** Whether the plan may colocate (fuse) a stage with its upstream when that is safe. */
        private boolean inline = true;

        /** Whether to run every pipeline on the caller's thread in a deterministic order (for tests). */
        private boolean forceInline = false;

        private boolean threadsSet;
        private boolean processesSet;
        private boolean retriesSet;

        public int getThreads() {
            return threads;
        }

        public void setThreads(int threads) {
            this.threads = threads;
            this.threadsSet = true;
        }

        public int getProcesses() {
            return processes;
        }

        public void setProcesses(int processes) {
            this.processes = processes;
            this.processesSet = true;
        }

        public int getVirtualThreads() {
            return virtualThreads;
        }

        public void setVirtualThreads(int virtualThreads) {
            this.virtualThreads = virtualThreads;
        }

        public int getRetries() {
            return retries;
        }

        public void setRetries(int retries) {
            this.retries = retries;
            this.retriesSet = true;
        }

        public Duration getBackoff() {
            return backoff;
        }

        public void setBackoff(Duration backoff) {
            this.backoff = backoff;
        }

        public boolean isInline() {
            return inline;
        }

        public void setInline(boolean inline) {
            this.inline = inline;
        }

        public boolean isForceInline() {
            return forceInline;
        }

        public void setForceInline(boolean forceInline) {
            this.forceInline = forceInline;
        }

        /** Whether {@code threads} was set explicitly (it then wins over the deprecated alias). */
        boolean threadsExplicit() {
            return threadsSet;
        }

        boolean processesExplicit() {
            return processesSet;
        }

        boolean retriesExplicit() {
            return retriesSet;
        }
    }

    /** Overrides for one pipeline ({@code minigun.pipelines.<name>.*}); unset values keep the annotation's. */
    public static class PipelineProperties {

        private final PipelineConcurrency concurrency = new PipelineConcurrency();

        /** Default capacity of this pipeline's stage input queues. */
        private @Nullable Integer queueSize;

        /** Per-stage overrides, keyed by stage name ([nested/stage] for a stage of a nested pipeline). */
        private final Map<String, StageProperties> stages = new LinkedHashMap<>();

        public PipelineConcurrency getConcurrency() {
            return concurrency;
        }

        public @Nullable Integer getQueueSize() {
            return queueSize;
        }

        public void setQueueSize(@Nullable Integer queueSize) {
            this.queueSize = queueSize;
        }

        public Map<String, StageProperties> getStages() {
            return stages;
        }
    }

    /** Concurrency overrides of one pipeline ({@code minigun.pipelines.<name>.concurrency.*}). */
    public static class PipelineConcurrency {

        /** Pool size of this pipeline's THREAD stages. */
        private @Nullable Integer threads;

        /** Number of worker JVMs of this pipeline's PROCESS stages. */
        private @Nullable Integer processes;

        /** Cap on the virtual threads of this pipeline's VIRTUAL stages. */
        private @Nullable Integer virtualThreads;

        /** Retries of a failing item in this pipeline. */
        private @Nullable Integer retries;

        /** First retry delay in this pipeline. */
        private @Nullable Duration backoff;

        /** Whether this pipeline's plan may colocate stages with their upstream. */
        private @Nullable Boolean inline;

        /** Whether this pipeline runs entirely on the caller's thread. */
        private @Nullable Boolean forceInline;

        public @Nullable Integer getThreads() {
            return threads;
        }

        public void setThreads(@Nullable Integer threads) {
            this.threads = threads;
        }

        public @Nullable Integer getProcesses() {
            return processes;
        }

        public void setProcesses(@Nullable Integer processes) {
            this.processes = processes;
        }

        public @Nullable Integer getVirtualThreads() {
            return virtualThreads;
        }

        public void setVirtualThreads(@Nullable Integer virtualThreads) {
            this.virtualThreads = virtualThreads;
        }

        public @Nullable Integer getRetries() {
            return retries;
        }

        public void setRetries(@Nullable Integer retries) {
            this.retries = retries;
        }

        public @Nullable Duration getBackoff() {
            return backoff;
        }

        public void setBackoff(@Nullable Duration backoff) {
            this.backoff = backoff;
        }

        public @Nullable Boolean getInline() {
            return inline;
        }

        public void setInline(@Nullable Boolean inline) {
            this.inline = inline;
        }

        public @Nullable Boolean getForceInline() {
            return forceInline;
        }

        public void setForceInline(@Nullable Boolean forceInline) {
            this.forceInline = forceInline;
        }
    }

    /** Overrides for one stage ({@code minigun.pipelines.<name>.stages.<stage>.*}); unset values keep the annotation's. */
    public static class StageProperties {

        /** Context the stage's items run in: AUTO, INLINE, THREAD, VIRTUAL or PROCESS. */
        private @Nullable ContextType concurrency;

        /** Pool size of a THREAD stage. */
        private @Nullable Integer threads;

        /** Worker count of the stage's context. */
        private @Nullable Integer poolSize;

        /** Capacity of the stage's input queue. */
        private @Nullable Integer queueSize;

        /** Retries of a failing item. */
        private @Nullable Integer retries;

        /** Whether the stage may be colocated with its upstream (AUTO) or always runs on its own (INDEPENDENT). */
        private @Nullable Affinity affinity;

        /** Named context (see minigun.contexts) the stage runs in. */
        private @Nullable String context;

        /**
         * Where the stage's items run: LOCAL (this JVM, the default) or KAFKA (through Kafka topics, on every
         * instance of the application; needs io.minigun:minigun-kafka and Boot's spring.kafka.* connection).
         */
        private StageTransport transport = StageTransport.LOCAL;

        private final StageKafka kafka = new StageKafka();

        public @Nullable ContextType getConcurrency() {
            return concurrency;
        }

        public void setConcurrency(@Nullable ContextType concurrency) {
            this.concurrency = concurrency;
        }

        public @Nullable Integer getThreads() {
            return threads;
        }

        public void setThreads(@Nullable Integer threads) {
            this.threads = threads;
        }

        public @Nullable Integer getPoolSize() {
            return poolSize;
        }

        public void setPoolSize(@Nullable Integer poolSize) {
            this.poolSize = poolSize;
        }

        public @Nullable Integer getQueueSize() {
            return queueSize;
        }

        public void setQueueSize(@Nullable Integer queueSize) {
            this.queueSize = queueSize;
        }

        public @Nullable Integer getRetries() {
            return retries;
        }

        public void setRetries(@Nullable Integer retries) {
            this.retries = retries;
        }

        public @Nullable Affinity getAffinity() {
            return affinity;
        }

        public void setAffinity(@Nullable Affinity affinity) {
            this.affinity = affinity;
        }

        public @Nullable String getContext() {
            return context;
        }

        public void setContext(@Nullable String context) {
            this.context = context;
        }

        public StageTransport getTransport() {
            return transport;
        }

        public void setTransport(StageTransport transport) {
            this.transport = transport;
        }

        public StageKafka getKafka() {
            return kafka;
        }
    }

    /** Where a stage's items run ({@code minigun.pipelines.<name>.stages.<stage>.transport}). */
    public enum StageTransport {
        /** In this JVM, as the stage's context says. */
        LOCAL,
        /** Through Kafka topics, on every instance of the application that has the stage (one consumer group). */
        KAFKA
    }

    /**
     * Kafka settings of one stage with {@code transport: kafka}
     * ({@code minigun.pipelines.<name>.stages.<stage>.kafka.*}); unset topics are derived from
     * minigun.kafka.topic-prefix, the pipeline and the stage.
     */
    public static class StageKafka {

        /** Topic the coordinator publishes the stage's items to; defaults to [prefix].[pipeline].[stage].items. */
        private @Nullable String itemsTopic;

        /** Topic the workers publish the items' results to; defaults to [prefix].[pipeline].[stage].results. */
        private @Nullable String resultsTopic;

        /** Topic of the items that failed after their retries; defaults to [prefix].[pipeline].[stage].dlt. */
        private @Nullable String deadLetterTopic;

        /** Items of one run sent and not yet settled, at most; a full window blocks the upstream stages. */
        private int maxInFlight = 1000;

        /** Consumer threads of this instance for the stage's items. */
        private int consumers = 1;

        public @Nullable String getItemsTopic() {
            return itemsTopic;
        }

        public void setItemsTopic(@Nullable String itemsTopic) {
            this.itemsTopic = itemsTopic;
        }

        public @Nullable String getResultsTopic() {
            return resultsTopic;
        }

        public void setResultsTopic(@Nullable String resultsTopic) {
            this.resultsTopic = resultsTopic;
        }

        public @Nullable String getDeadLetterTopic() {
            return deadLetterTopic;
        }

        public void setDeadLetterTopic(@Nullable String deadLetterTopic) {
            this.deadLetterTopic = deadLetterTopic;
        }

        public int getMaxInFlight() {
            return maxInFlight;
        }

        public void setMaxInFlight(int maxInFlight) {
            this.maxInFlight = maxInFlight;
        }

        public int getConsumers() {
            return consumers;
        }

        public void setConsumers(int consumers) {
            this.consumers = consumers;
        }
    }

    /** A named context ({@code minigun.contexts.<name>.*}). */
    public static class ContextProperties {

        /** Type of the context's workers: THREAD, VIRTUAL, INLINE or PROCESS. */
        private ContextType type = ContextType.THREAD;

        /**
         * Number of workers of the context; when unset, the global default of its type (concurrency.threads,
         * concurrency.virtual-threads or concurrency.processes).
         */
        private @Nullable Integer size;

        public ContextType getType() {
            return type;
        }

        public void setType(ContextType type) {
            this.type = type;
        }

        public @Nullable Integer getSize() {
            return size;
        }

        public void setSize(@Nullable Integer size) {
            this.size = size;
        }
    }

    /** Worker JVMs of PROCESS stages ({@code minigun.process.*}). */
    public static class Process {

        /**
         * Extra JVM arguments of the worker JVMs that run PROCESS stages (for example -Xmx256m). Workers also get the
         * parent's -D system properties, command-line properties and active profiles; these come after, so they win.
         */
        private List<String> jvmArgs = new ArrayList<>();

        public List<String> getJvmArgs() {
            return jvmArgs;
        }

        public void setJvmArgs(List<String> jvmArgs) {
            this.jvmArgs = jvmArgs;
        }

        /**
         * How long the worker JVMs of a PROCESS stage stay warm after a run, so that the next runs of the same stage
         * reuse them instead of starting the application again in new JVMs (seconds of CPU each). Warm workers are
         * stopped once idle for this long, and always with the application. 0 stops them at the end of every run.
         */
        private Duration keepAlive = Duration.ofMinutes(5);

        public Duration getKeepAlive() {
            return keepAlive;
        }

        public void setKeepAlive(Duration keepAlive) {
            this.keepAlive = keepAlive;
        }

        /**
         * Whether the worker JVMs of PROCESS stages are started as soon as the application is ready rather than by
         * their first run, so that even the first run finds them warm. Needs a keep-alive: they wait for that long.
         */
        private boolean startWorkersOnStartup;

        public boolean isStartWorkersOnStartup() {
            return startWorkersOnStartup;
        }

        public void setStartWorkersOnStartup(boolean startWorkersOnStartup) {
            this.startWorkersOnStartup = startWorkersOnStartup;
        }
    }

    /** Progress log lines ({@code minigun.progress.*}). */
    public static class Progress {

        /** Interval between progress log lines of each running pipeline; 0 disables them. */
        private Duration interval = Duration.ofSeconds(10);

        public Duration getInterval() {
            return interval;
        }

        public void setInterval(Duration interval) {
            this.interval = interval;
        }
    }
}
