package io.minigun.kafka;

import io.minigun.process.SerializationCodec;
import io.minigun.process.UnreadableItemException;
import io.minigun.remote.Emission;
import io.minigun.remote.RemoteRun;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Headers, items, parameters, results and failures survive the wire; the router hands results to their run. */
@Timeout(10)
class EncodingTest {
    private final SerializationCodec codec = new SerializationCodec();

    @Test
    void headerValuesRoundTrip() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(MinigunHeaders.RUN, MinigunHeaders.utf8("run-é"));
        headers.add(MinigunHeaders.SEQ, MinigunHeaders.int64(Long.MAX_VALUE - 3));
        headers.add(MinigunHeaders.ATTEMPTS, MinigunHeaders.int32(3));
        assertThat(MinigunHeaders.requireString(headers, MinigunHeaders.RUN)).isEqualTo("run-é");
        assertThat(MinigunHeaders.requireLong(headers, MinigunHeaders.SEQ)).isEqualTo(Long.MAX_VALUE - 3);
        assertThat(MinigunHeaders.requireInt(headers, MinigunHeaders.ATTEMPTS)).isEqualTo(3);
        assertThat(MinigunHeaders.string(headers, MinigunHeaders.PARAMS)).isNull();
        assertThatThrownBy(() -> MinigunHeaders.requireLong(headers, MinigunHeaders.NANOS))
                .hasMessage("record has no 8-byte header minigun-nanos");
        assertThatThrownBy(() -> MinigunHeaders.requireLong(headers, MinigunHeaders.ATTEMPTS))
                .hasMessage("record has no 8-byte header minigun-attempts");
    }

    @Test
    void itemsAndParametersRoundTripThroughTheCodec() throws IOException {
        assertThat(CodecBytes.decode(codec, CodecBytes.encode(codec, 42))).isEqualTo(42);
        assertThat(CodecBytes.decode(codec, CodecBytes.encode(codec, List.of("a", 1L)))).isEqualTo(List.of("a", 1L));
        Map<String, @Nullable Object> parameters = new HashMap<>();
        parameters.put("tenant", "a");
        parameters.put("none", null);
        assertThat(CodecBytes.decodeParameters(codec, CodecBytes.encodeParameters(codec, parameters)))
                .isEqualTo(parameters);
        assertThat(CodecBytes.decodeParameters(codec, null)).isEmpty();
        assertThatThrownBy(() -> CodecBytes.decodeParameters(codec, CodecBytes.encode(codec, "x")))
                .hasMessage("run parameters are not a map but class java.lang.String");
    }

    @Test
    void emissionsRoundTripWithTheirTargetsInOrder() throws IOException {
        List<Emission> emissions = List.of(new Emission(null, 1), new Emission("audit", "x"),
                new Emission(null, List.of(2, 3)));
        assertThat(ResultCodec.decodeEmissions(ResultCodec.encodeEmissions(emissions, codec), codec))
                .isEqualTo(emissions);
        assertThat(ResultCodec.decodeEmissions(ResultCodec.encodeEmissions(List.of(), codec), codec)).isEmpty();
    }

    @Test
    void anEmissionTheCodecRefusesFailsTheEncoding() {
        Object notSerializable = new Object();
        assertThatThrownBy(() -> ResultCodec.encodeEmissions(List.of(new Emission(null, notSerializable)), codec))
                .isInstanceOf(IOException.class);
    }

    @Test
    void aSerializableExceptionTravelsAsItself() {
        IllegalStateException failure = new IllegalStateException("poison 97", new IllegalArgumentException("why"));
        Throwable decoded = ResultCodec.decodeFailure(ResultCodec.encodeFailure(failure));
        assertThat(decoded).isInstanceOf(IllegalStateException.class).hasMessage("poison 97")
                .hasCauseInstanceOf(IllegalArgumentException.class);
        assertThat(decoded.getStackTrace()).isEqualTo(failure.getStackTrace());
    }

    // exceptions that cannot travel as themselves: RemoteFailuresTest (core), whose encoding ResultCodec uses

    @Test
    void theRouterHandsResultsAndFailuresToTheirRunAndIgnoresOtherRuns() throws IOException {
        ResultRouter router = new ResultRouter(codec);
        RecordingRun run = new RecordingRun("run-1");
        router.register(run);
        router.accept(result("run-1", 7, MinigunHeaders.DONE, ResultCodec.encodeEmissions(
                List.of(new Emission(null, 14), new Emission("audit", "seven")), codec), 1, 1234));
        router.accept(result("run-1", 8, MinigunHeaders.FAILED,
                ResultCodec.encodeFailure(new IllegalStateException("bad 8")), 3, 0));
        router.accept(result("run-1", 9, MinigunHeaders.DONE, new byte[] {9, 9}, 1, 5));
        router.accept(result("run-2", 1, MinigunHeaders.DONE, ResultCodec.encodeEmissions(List.of(), codec), 1, 1));
        router.unregister("run-1");
        router.accept(result("run-1", 10, MinigunHeaders.DONE, ResultCodec.encodeEmissions(List.of(), codec), 1, 1));

        assertThat(run.events).containsExactly(
                "result 7 [Emission[target=null, item=14], Emission[target=audit, item=seven]] attempts=1 nanos=1234 w9",
                "failure 8 IllegalStateException: bad 8 attempts=3 w9",
                "failure 9 UnreadableItemException: the result of item 9 from instance w9 cannot be read: "
                        + "unknown result format version 9 attempts=1 w9");
        assertThat(router.routed.sum()).isEqualTo(3);
        assertThat(router.ignored.sum()).isEqualTo(2);
        assertThat(router.routedFrom("w9")).isEqualTo(3);
        assertThat(UnreadableItemException.class).isAssignableTo(IOException.class);
    }

    @Test
    void cancellationsAreBoundedOldestFirst() {
        Cancellations cancellations = new Cancellations(2, Long.MAX_VALUE);
        cancellations.add("a");
        cancellations.add("b");
        cancellations.add("c");
        assertThat(cancellations.isCancelled("a")).isFalse();
        assertThat(cancellations.isCancelled("b")).isTrue();
        assertThat(cancellations.isCancelled("c")).isTrue();
        assertThat(cancellations.seenAt("c")).isPresent();
        Cancellations expiring = new Cancellations(10, 0);
        expiring.add("old");
        expiring.add("new");
        assertThat(expiring.isCancelled("old")).isFalse();
    }

    private static ConsumerRecord<byte[], byte[]> result(String runId, long seq, String outcome, byte[] value,
                                                        int attempts, long nanos) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(MinigunHeaders.RUN, MinigunHeaders.utf8(runId));
        headers.add(MinigunHeaders.SEQ, MinigunHeaders.int64(seq));
        headers.add(MinigunHeaders.OUTCOME, MinigunHeaders.utf8(outcome));
        headers.add(MinigunHeaders.ATTEMPTS, MinigunHeaders.int32(attempts));
        headers.add(MinigunHeaders.NANOS, MinigunHeaders.int64(nanos));
        headers.add(MinigunHeaders.INSTANCE, MinigunHeaders.utf8("w9"));
        return new ConsumerRecord<>("r", 0, seq, 0L, TimestampType.CREATE_TIME, 0, value.length,
                MinigunHeaders.utf8(runId), value, headers, Optional.empty());
    }

    private record RecordingRun(String runId, List<String> events) implements RemoteRun {
        RecordingRun(String runId) {
            this(runId, new ArrayList<>());
        }

        @Override
        public Map<String, @Nullable Object> parameters() {
            return Map.of();
        }

        @Override
        public void result(long seq, List<Emission> emissions, int attempts, long stageNanos, String instance) {
            events.add("result " + seq + " " + emissions + " attempts=" + attempts + " nanos=" + stageNanos + " "
                    + instance);
        }

        @Override
        public void failure(long seq, Throwable cause, int attempts, String instance) {
            events.add("failure " + seq + " " + cause.getClass().getSimpleName() + ": " + cause.getMessage()
                    + " attempts=" + attempts + " " + instance);
        }
    }
}
