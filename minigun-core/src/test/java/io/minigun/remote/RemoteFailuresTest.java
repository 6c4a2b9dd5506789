package io.minigun.remote;

import io.minigun.process.RemoteStageException;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RemoteFailuresTest {

    @Test
    void anExceptionThatSerializesTravelsAsItself() {
        IllegalStateException failure = new IllegalStateException("bad item 7", new IllegalArgumentException("why"));

        Throwable decoded = RemoteFailures.decode(RemoteFailures.encode(failure));

        assertThat(decoded).isInstanceOf(IllegalStateException.class).hasMessage("bad item 7")
                .hasCauseInstanceOf(IllegalArgumentException.class);
        assertThat(decoded.getStackTrace()).isEqualTo(failure.getStackTrace());
    }

    /** Holds a field that does not serialize. */
    static final class CarriesAnOptional extends RuntimeException {
        private static final long serialVersionUID = 1L;
        @SuppressWarnings({"unused", "serial"})
        private final Optional<String> detail = Optional.of("x");

        CarriesAnOptional(String message) {
            super(message);
        }
    }

    /** Serializes, but its field's class is one the reader refuses (not a Throwable nor a JDK type). */
    static final class CarriesAValue extends RuntimeException {
        private static final long serialVersionUID = 1L;
        @SuppressWarnings("unused")
        private final Value value = new Value();

        CarriesAValue(String message) {
            super(message);
        }
    }

    static final class Value implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
    }

    @Test
    void anExceptionThatCannotBeReadBackTravelsAsAStandInWithItsClassMessageAndStackTrace() {
        for (RuntimeException failure : new RuntimeException[] {new CarriesAnOptional("no serial"),
                new CarriesAValue("refused field")}) {
            Throwable decoded = RemoteFailures.decode(RemoteFailures.encode(failure));

            assertThat(decoded).isInstanceOf(RemoteStageException.class)
                    .hasMessage(failure.getClass().getName() + ": " + failure.getMessage());
            assertThat(((RemoteStageException) decoded).remoteClass()).isEqualTo(failure.getClass().getName());
            assertThat(decoded.getStackTrace()).isEqualTo(failure.getStackTrace());
        }
    }

    @Test
    void bytesThatAreNotAnExceptionDecodeToAStandInSayingSo() {
        assertThat(RemoteFailures.decode(new byte[] {1, 2, 3})).isInstanceOf(RemoteStageException.class)
                .hasMessageStartingWith("unknown: an exception from remote stage code could not be read");
    }
}
