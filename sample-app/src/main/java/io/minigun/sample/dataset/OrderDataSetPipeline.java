package io.minigun.sample.dataset;

import io.minigun.RunContext;
import io.minigun.annotation.AfterRun;
import io.minigun.annotation.BeforeRun;
import io.minigun.annotation.Consumer;
import io.minigun.annotation.MinigunPipeline;
import io.minigun.annotation.Processor;
import io.minigun.annotation.Producer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * <b>Level 1, simple</b>: writes the generated data set. No configuration at all: the stages are wired in the order
 * they are declared, and since none asks for concurrency the plan fuses all three into one thread (direct calls, no
 * queues), so {@code write} sees the lines in order.
 */
@MinigunPipeline(name = "orderDataSet")
public class OrderDataSetPipeline {
    private static final Log log = LogFactory.getLog(OrderDataSetPipeline.class);

    private final OrderDataSet dataSet;
    private final Map<String, DataSetWriter> writers = new ConcurrentHashMap<>();

    public OrderDataSetPipeline(OrderDataSet dataSet) {
        this.dataSet = dataSet;
    }

    @BeforeRun
    void open(RunContext run) throws IOException {
        writers.put(run.runId(), new DataSetWriter(dataSet.path(), run.runId()));
    }

    @Producer
    Stream<Long> recordNumbers() {
        return LongStream.rangeClosed(1, dataSet.orders()).boxed();
    }

    @Processor
    String format(Long recordNumber) {
        return OrderDataSet.line(recordNumber);
    }

    @Consumer
    void write(String line, RunContext run) throws IOException {
        writers.get(run.runId()).write(line);
    }

    @AfterRun
    void close(RunContext run) throws IOException {
        DataSetWriter writer = writers.remove(run.runId());
        if (writer != null && writer.finish(dataSet.orders())) {
            log.info(String.format("Wrote the data set: %,d orders to %s", dataSet.orders(), dataSet.path()));
        }
    }
}
